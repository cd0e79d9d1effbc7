package org.vmscope.model.pmap;

import java.nio.ByteOrder;
import java.util.List;
import org.vmscope.model.Arch;

/**
 * ia32 classic two-level paging without PAE: a page directory of 1024 PDEs (4 MiB each, optionally a
 * 4 MiB PSE page) and page tables of 1024 PTEs (4 KiB pages). There is no NX bit, so every present page
 * is readable and executable.
 */
public final class Ia32Format implements PageTableFormat {
    public static final long P = 0x001;
    public static final long RW = 0x002;
    public static final long US = 0x004;
    public static final long PWT = 0x008;
    public static final long PCD = 0x010;
    public static final long A = 0x020;
    public static final long D = 0x040;
    /** PS in a PDE (4 MiB page), PAT in a PTE. */
    public static final long PS = 0x080;
    public static final long G = 0x100;
    /** PAT bit of a 4 MiB PDE. */
    public static final long PDE_PAT = 0x1000;

    private static final PagingGeometry GEOMETRY = new PagingGeometry("ia32", List.of(10, 10), 4, 12, 0b11,
            PagingGeometry.VaExtension.ZERO, 0, ByteOrder.LITTLE_ENDIAN);
    private static final PagingGeometry GEOMETRY_NO_PSE = new PagingGeometry("ia32", List.of(10, 10), 4, 12,
            0b10, PagingGeometry.VaExtension.ZERO, 0, ByteOrder.LITTLE_ENDIAN);

    private final boolean pse;

    /** @param pse whether CR4.PSE is set, making PDE.PS select a 4 MiB page (PSE-36 high PA bits decoded) */
    public Ia32Format(boolean pse) {
        this.pse = pse;
    }

    /** The format with CR4.PSE set, as Phoenix-RTOS boots. */
    public static Ia32Format standard() {
        return new Ia32Format(true);
    }

    /** The walk root for a CR3 value. */
    public PagingRoot rootFromCr3(long cr3) {
        return new PagingRoot(this, cr3 & 0xFFFFF000L);
    }

    @Override
    public Arch arch() {
        return Arch.IA32;
    }

    @Override
    public String name() {
        return pse ? "ia32" : "ia32-nopse";
    }

    @Override
    public PagingGeometry geometry() {
        return pse ? GEOMETRY : GEOMETRY_NO_PSE;
    }

    @Override
    public PageEntry decode(long raw, int level) {
        raw &= 0xFFFFFFFFL;
        int shift = geometry().shift(level);
        if ((raw & P) == 0) {
            return PageEntry.invalid(level, raw, shift);
        }
        int rights = PageAttr.READ | PageAttr.EXEC | ((raw & RW) != 0 ? PageAttr.WRITE : 0);
        boolean user = (raw & US) != 0;
        if (level == 0 && !(pse && (raw & PS) != 0)) {
            return PageEntry.table(level, raw, raw & 0xFFFFF000L, shift, rights | (user ? PageAttr.USER : 0), "");
        }
        long pa;
        int leafShift;
        boolean pat;
        if (level == 0) {
            // PSE-36: PDE bits 13..20 carry PA bits 32..39.
            pa = (raw & 0xFFC00000L) | (((raw >>> 13) & 0xFFL) << 32);
            leafShift = 22;
            pat = (raw & PDE_PAT) != 0;
        } else {
            pa = raw & 0xFFFFF000L;
            leafShift = 12;
            pat = (raw & PS) != 0;
        }
        String note = (level == 0 ? "4M" : "") + (pat ? (level == 0 ? " " : "") + "PAT" : "");
        return X86Entries.leaf(level, raw, pa, leafShift, rights, note);
    }

    @Override
    public long encodeLeaf(long pa, int attr, int level) {
        if (!geometry().leafAllowed(level)) {
            throw new IllegalArgumentException("no leaf at ia32 level " + level + (pse ? "" : " without PSE"));
        }
        long bits = ((attr & PageAttr.PRESENT) != 0 ? P : 0) | ((attr & PageAttr.WRITE) != 0 ? RW : 0)
                | ((attr & PageAttr.USER) != 0 ? US : 0) | X86Entries.cacheBits(attr);
        if (level == 0) {
            PageTableFormat.requireAligned(pa, 22, "4 MiB page");
            if (pa >>> 40 != 0) {
                throw new IllegalArgumentException("PSE-36 reaches 40-bit PA only");
            }
            return (pa & 0xFFC00000L) | (((pa >>> 32) & 0xFF) << 13) | PS | bits;
        }
        PageTableFormat.requireAligned(pa, 12, "page");
        if (pa >>> 32 != 0) {
            throw new IllegalArgumentException("non-PAE PTEs reach 32-bit PA only");
        }
        return pa | bits;
    }

    /** Phoenix creates page-directory entries as PTHD_USER|PTHD_WRITE|PTHD_PRESENT. */
    @Override
    public long encodeTable(long tablePa, int level) {
        if (level != 0) {
            throw new IllegalArgumentException("ia32 tables hang off the page directory only");
        }
        PageTableFormat.requireAligned(tablePa, 12, "page table");
        if (tablePa >>> 32 != 0) {
            throw new IllegalArgumentException("page table above 4 GiB");
        }
        return tablePa | US | RW | P;
    }
}
