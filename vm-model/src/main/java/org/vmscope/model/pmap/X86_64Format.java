package org.vmscope.model.pmap;

import java.nio.ByteOrder;
import java.util.List;
import org.vmscope.model.Arch;

/**
 * x86_64 four-level long-mode paging (CR4.LA57 = 0): PML4, PDPT, PD and PT of 512 eight-byte entries,
 * 48-bit sign-extended VAs, 1 GiB pages in the PDPT and 2 MiB pages in the PD (PS bit). With EFER.NXE
 * bit 63 is NX; without it bit 63 is reserved. Rights of the tables above a leaf narrow it: a clear R/W
 * or U/S anywhere on the path, or NX, holds for everything below.
 *
 * <p>Phoenix-RTOS does not run on x86_64, so {@link #arch()} reports the x86 family ({@link Arch#IA32});
 * the format exists to mirror x86_64 targets (QEMU guests, other kernels).
 */
public final class X86_64Format implements PageTableFormat {
    public static final long P = 0x001;
    public static final long RW = 0x002;
    public static final long US = 0x004;
    public static final long PWT = 0x008;
    public static final long PCD = 0x010;
    public static final long A = 0x020;
    public static final long D = 0x040;
    /** PS in a PDPTE/PDE (1 GiB / 2 MiB page), PAT in a PTE. */
    public static final long PS = 0x080;
    public static final long G = 0x100;
    /** PAT bit of a 1 GiB / 2 MiB leaf. */
    public static final long LARGE_PAT = 0x1000;
    public static final long NX = 1L << 63;
    /** Address bits 51:12 of an entry (the architectural maximum MAXPHYADDR). */
    public static final long ADDR_MASK = 0x000FFFFFFFFFF000L;

    private static final PagingGeometry GEOMETRY = new PagingGeometry("x86_64", List.of(9, 9, 9, 9), 8, 12, 0b1110,
            PagingGeometry.VaExtension.SIGN, 0, ByteOrder.LITTLE_ENDIAN);

    private final boolean nxe;

    /** @param nxe whether EFER.NXE is set, making bit 63 the no-execute bit */
    public X86_64Format(boolean nxe) {
        this.nxe = nxe;
    }

    /** The format with EFER.NXE set, as every current x86_64 kernel runs. */
    public static X86_64Format standard() {
        return new X86_64Format(true);
    }

    /** The walk root for a CR3 value (PCID or PWT/PCD in bits 11:0 are dropped). */
    public PagingRoot rootFromCr3(long cr3) {
        return new PagingRoot(this, cr3 & ADDR_MASK);
    }

    public boolean nxe() {
        return nxe;
    }

    @Override
    public Arch arch() {
        return Arch.IA32;
    }

    @Override
    public String name() {
        return nxe ? "x86_64" : "x86_64-nonx";
    }

    @Override
    public PagingGeometry geometry() {
        return GEOMETRY;
    }

    @Override
    public PageEntry decode(long raw, int level) {
        int shift = GEOMETRY.shift(level);
        if ((raw & P) == 0) {
            return PageEntry.invalid(level, raw, shift);
        }
        if (!nxe && (raw & NX) != 0) {
            return PageEntry.reserved(level, raw, shift, "bit 63 set with EFER.NXE = 0");
        }
        boolean nx = (raw & NX) != 0;
        int rights = PageAttr.READ | ((raw & RW) != 0 ? PageAttr.WRITE : 0) | (nx ? 0 : PageAttr.EXEC);
        boolean user = (raw & US) != 0;
        boolean last = level == GEOMETRY.lastLevel();
        boolean large = !last && (raw & PS) != 0;
        if (!last && !large) {
            return PageEntry.table(level, raw, raw & ADDR_MASK, shift, rights | (user ? PageAttr.USER : 0), "");
        }
        if (large && level == 0) {
            return PageEntry.reserved(level, raw, shift, "PS set in a PML4E");
        }
        long pa;
        boolean pat;
        if (large) {
            // Bits 12 (PAT) .. shift-1 of a large leaf: PAT, then reserved zeros.
            long reserved = ((1L << shift) - 1) & ~0x1FFFL;
            if ((raw & reserved) != 0) {
                return PageEntry.reserved(level, raw, shift, "misaligned " + (shift == 30 ? "1G" : "2M") + " page");
            }
            pa = raw & ADDR_MASK & ~((1L << shift) - 1);
            pat = (raw & LARGE_PAT) != 0;
        } else {
            pa = raw & ADDR_MASK;
            pat = (raw & PS) != 0;
        }
        String note = (shift == 30 ? "1G" : shift == 21 ? "2M" : "") + (pat ? " PAT" : "");
        return X86Entries.leaf(level, raw, pa, shift, rights, note.strip());
    }

    /** A 4 KiB PTE (level 3), a 2 MiB PDE (level 2) or a 1 GiB PDPTE (level 1); NX without EXEC under NXE. */
    @Override
    public long encodeLeaf(long pa, int attr, int level) {
        if (!GEOMETRY.leafAllowed(level)) {
            throw new IllegalArgumentException("no leaf at x86_64 level " + level);
        }
        int shift = GEOMETRY.shift(level);
        PageTableFormat.requireAligned(pa, shift, "page");
        if ((pa & ~ADDR_MASK) != 0) {
            throw new IllegalArgumentException("PA above 52 bits");
        }
        if ((attr & PageAttr.PRESENT) == 0) {
            return 0;
        }
        long e = pa | P | ((attr & PageAttr.WRITE) != 0 ? RW : 0) | ((attr & PageAttr.USER) != 0 ? US : 0)
                | X86Entries.cacheBits(attr);
        if (nxe && (attr & PageAttr.EXEC) == 0) {
            e |= NX;
        }
        return level == GEOMETRY.lastLevel() ? e : e | PS;
    }

    /** Table entries let everything through (P | RW | US); the leaf decides. */
    @Override
    public long encodeTable(long tablePa, int level) {
        if (level >= GEOMETRY.lastLevel()) {
            throw new IllegalArgumentException("no table below the last level");
        }
        PageTableFormat.requireAligned(tablePa, 12, "table");
        if ((tablePa & ~ADDR_MASK) != 0) {
            throw new IllegalArgumentException("PA above 52 bits");
        }
        return tablePa | P | RW | US;
    }
}
