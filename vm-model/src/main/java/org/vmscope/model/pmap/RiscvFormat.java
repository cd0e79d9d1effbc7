package org.vmscope.model.pmap;

import java.nio.ByteOrder;
import java.util.Collections;
import java.util.List;
import org.vmscope.model.Arch;

/**
 * RISC-V Sv39 / Sv48 / Sv57 page tables: 512 eight-byte PTEs per table, 9 VA bits per level, leaves at any
 * level (mega-, giga-, terapages), VAs sign-extended from the top VA bit. The mode comes from
 * {@code satp.MODE} (8 = Sv39, 9 = Sv48, 10 = Sv57); real Phoenix riscv64 QEMU builds run in Sv48.
 */
public final class RiscvFormat implements PageTableFormat {
    public static final long V = 0x01;
    public static final long R = 0x02;
    public static final long W = 0x04;
    public static final long X = 0x08;
    public static final long U = 0x10;
    public static final long G = 0x20;
    public static final long A = 0x40;
    public static final long D = 0x80;
    public static final long PPN_MASK = (1L << 44) - 1;
    public static final long N = 1L << 63;
    private static final long RESERVED_HIGH = 0x7FL << 54;

    /** satp.MODE values. */
    public static final int MODE_BARE = 0;
    public static final int MODE_SV39 = 8;
    public static final int MODE_SV48 = 9;
    public static final int MODE_SV57 = 10;

    private static final RiscvFormat SV39 = new RiscvFormat("sv39", 3, MODE_SV39);
    private static final RiscvFormat SV48 = new RiscvFormat("sv48", 4, MODE_SV48);
    private static final RiscvFormat SV57 = new RiscvFormat("sv57", 5, MODE_SV57);

    private final String name;
    private final int mode;
    private final PagingGeometry geometry;

    private RiscvFormat(String name, int levels, int mode) {
        this.name = name;
        this.mode = mode;
        this.geometry = new PagingGeometry(name, Collections.nCopies(levels, 9), 8, 12, (1 << levels) - 1,
                PagingGeometry.VaExtension.SIGN, 0, ByteOrder.LITTLE_ENDIAN);
    }

    public static RiscvFormat sv39() {
        return SV39;
    }

    public static RiscvFormat sv48() {
        return SV48;
    }

    public static RiscvFormat sv57() {
        return SV57;
    }

    /** The satp.MODE value of this format. */
    public int mode() {
        return mode;
    }

    /** The satp value Phoenix loads for a top-level table (ASID 0). */
    public long satp(long rootPa) {
        return ((long) mode << 60) | ((rootPa >>> 12) & PPN_MASK);
    }

    /** A satp value read from a target: the mode, ASID and root, or why it cannot be walked. */
    public record Satp(long value, int mode, int asid, PagingRoot root, String problem) {
        public boolean translated() {
            return root != null;
        }
    }

    /** Decodes satp; never throws. Bare mode and unknown modes give no root and say why. */
    public static Satp decodeSatp(long satp) {
        int mode = (int) (satp >>> 60);
        int asid = (int) ((satp >>> 44) & 0xffff);
        long rootPa = (satp & PPN_MASK) << 12;
        RiscvFormat f = switch (mode) {
            case MODE_SV39 -> SV39;
            case MODE_SV48 -> SV48;
            case MODE_SV57 -> SV57;
            default -> null;
        };
        if (f == null) {
            String why = mode == MODE_BARE ? "satp.MODE = Bare: no translation" : "unsupported satp.MODE " + mode;
            return new Satp(satp, mode, asid, null, why);
        }
        return new Satp(satp, mode, asid, new PagingRoot(f, rootPa), "");
    }

    @Override
    public Arch arch() {
        return Arch.RISCV64;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public PagingGeometry geometry() {
        return geometry;
    }

    @Override
    public PageEntry decode(long raw, int level) {
        int shift = geometry.shift(level);
        if ((raw & V) == 0) {
            return PageEntry.invalid(level, raw, shift);
        }
        if ((raw & (R | W)) == W) {
            return PageEntry.reserved(level, raw, shift, "W without R");
        }
        if ((raw & RESERVED_HIGH) != 0) {
            return PageEntry.reserved(level, raw, shift, "reserved bits 60:54 set");
        }
        int pbmt = (int) ((raw >>> 61) & 3);
        if (pbmt == 3) {
            return PageEntry.reserved(level, raw, shift, "PBMT = 3");
        }
        long pa = ((raw >>> 10) & PPN_MASK) << 12;
        boolean leaf = (raw & (R | W | X)) != 0;
        if (!leaf) {
            if (level == geometry.lastLevel()) {
                return PageEntry.reserved(level, raw, shift, "pointer at the last level");
            }
            String note = (raw & (A | D | U)) != 0 ? "A/D/U set in a non-leaf" : "";
            if ((raw & N) != 0 || pbmt != 0) {
                return PageEntry.reserved(level, raw, shift, "N/PBMT set in a non-leaf");
            }
            return PageEntry.table(level, raw, pa, shift, PageEntry.ALL_RIGHTS, note);
        }
        if ((pa & ((1L << shift) - 1)) != 0) {
            return PageEntry.reserved(level, raw, shift, "misaligned superpage");
        }
        int rights = ((raw & R) != 0 ? PageAttr.READ : 0) | ((raw & W) != 0 ? PageAttr.WRITE : 0)
                | ((raw & X) != 0 ? PageAttr.EXEC : 0);
        boolean user = (raw & U) != 0;
        CacheType cache = switch (pbmt) {
            case 1 -> CacheType.NON_CACHEABLE;
            case 2 -> CacheType.DEVICE;
            default -> CacheType.WRITE_BACK;
        };
        int attr = PageAttr.PRESENT | rights | (user ? PageAttr.USER : 0) | cache.attrBits();
        String note = level == geometry.lastLevel() ? "" : "superpage";
        if ((raw & N) != 0) {
            note = (note + " NAPOT").strip();
        }
        return new PageEntry(EntryKind.LEAF, level, raw, pa, shift, attr, user ? rights : 0, cache, (raw & G) != 0,
                (raw & A) != 0, (raw & D) != 0, note);
    }

    /**
     * A leaf as Phoenix writes it: {@code (pa >> 12) << 10 | A | D | attr bits}; W implies R (W-only is
     * reserved); V only with PRESENT. Phoenix has no PBMT, so DEV and NOT_CACHED are dropped.
     */
    @Override
    public long encodeLeaf(long pa, int attr, int level) {
        if (level < 0 || level > geometry.lastLevel()) {
            throw new IllegalArgumentException("no level " + level);
        }
        PageTableFormat.requireAligned(pa, geometry.shift(level), "superpage");
        if ((pa >>> 56) != 0) {
            throw new IllegalArgumentException("PA above 56 bits");
        }
        long e = ((pa >>> 12) << 10) | A | D;
        if ((attr & PageAttr.PRESENT) != 0) {
            e |= V;
        }
        if ((attr & (PageAttr.READ | PageAttr.WRITE)) != 0) {
            e |= R;
        }
        if ((attr & PageAttr.WRITE) != 0) {
            e |= W;
        }
        if ((attr & PageAttr.EXEC) != 0) {
            e |= X;
        }
        if ((attr & PageAttr.USER) != 0) {
            e |= U;
        }
        return e;
    }

    /** Non-leaf PTEs are V only. */
    @Override
    public long encodeTable(long tablePa, int level) {
        if (level >= geometry.lastLevel()) {
            throw new IllegalArgumentException("no table below the last level");
        }
        PageTableFormat.requireAligned(tablePa, 12, "table");
        return ((tablePa >>> 12) << 10) | V;
    }
}
