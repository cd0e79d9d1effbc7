package org.vmscope.model.pmap;

import java.nio.ByteOrder;
import java.util.List;
import org.vmscope.model.Arch;

/**
 * ARMv7-A short-descriptor translation tables: L1 entries of 1 MiB (sections, 16 MiB supersections, or
 * pointers to 1 KiB L2 tables), L2 entries of 4 KiB (small pages, 64 KiB large pages). TTBCR.N splits
 * the VA space: TTBR0 translates the low {@code 2^(32-N)} bytes with a {@code 16 KiB >> N} L1 table,
 * TTBR1 the rest with a full 16 KiB table. Memory types are decoded with TEX remap off (SCTLR.TRE=0)
 * and access permissions with the full AP[2:0] model (SCTLR.AFE=0).
 */
public final class Armv7aShortFormat implements PageTableFormat {
    // L2 small page (TT2S_*), as Phoenix names them.
    public static final long SMALL_XN = 0x001;
    public static final long SMALLPAGE = 0x002;
    public static final long B = 0x004;
    public static final long C = 0x008;
    public static final long AP0 = 0x010;
    public static final long AP1 = 0x020;
    public static final long AP2 = 0x200;
    public static final long S = 0x400;
    public static final long NG = 0x800;
    // L1 section bits.
    public static final long SECTION = 0x002;
    public static final long SEC_XN = 0x010;
    public static final long SEC_AP0 = 0x400;
    public static final long SEC_AP1 = 0x800;
    public static final long SEC_AP2 = 0x8000;
    public static final long SEC_S = 0x10000;
    public static final long SEC_NG = 0x20000;
    public static final long SUPERSECTION = 0x40000;
    public static final long L1_TABLE = 0x001;

    private final PagingGeometry geometry;
    private final String name;

    private Armv7aShortFormat(String name, PagingGeometry geometry) {
        this.name = name;
        this.geometry = geometry;
    }

    /** The TTBR0 table for TTBCR.N = {@code n}: {@code 4096 >> n} L1 entries covering {@code [0, 2^(32-n))}. */
    public static Armv7aShortFormat ttbr0(int n) {
        checkN(n);
        return new Armv7aShortFormat("armv7a-ttbr0/N=" + n, geometry(12 - n, 0));
    }

    /** The TTBR1 table for TTBCR.N = {@code n} &gt; 0: a full L1 table of which only the upper part is used. */
    public static Armv7aShortFormat ttbr1(int n) {
        checkN(n);
        if (n == 0) {
            throw new IllegalArgumentException("TTBR1 is unused when TTBCR.N = 0");
        }
        return new Armv7aShortFormat("armv7a-ttbr1/N=" + n, geometry(12, 4096 >> n));
    }

    /** A full 4096-entry L1 table walked as a whole (the kernel's {@code kpdir}). */
    public static Armv7aShortFormat fullTable() {
        return new Armv7aShortFormat("armv7a-l1", geometry(12, 0));
    }

    /** The walk root for a TTBR value: the table base with the IRGN/RGN/S/NOS bits stripped. */
    public PagingRoot rootFromTtbr(long ttbr) {
        return new PagingRoot(this, ttbr & 0xFFFFFFFFL & ~((long) geometry.tableBytes(0) - 1));
    }

    private static void checkN(int n) {
        if (n < 0 || n > 7) {
            throw new IllegalArgumentException("TTBCR.N is 0..7");
        }
    }

    private static PagingGeometry geometry(int l1Bits, int firstTop) {
        return new PagingGeometry("armv7a-short", List.of(l1Bits, 8), 4, 12, 0b11, PagingGeometry.VaExtension.ZERO,
                firstTop, ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public Arch arch() {
        return Arch.ARMV7A;
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
        raw &= 0xFFFFFFFFL;
        int shift = geometry.shift(level);
        int type = (int) (raw & 3);
        if (level == 0) {
            if (type == 0) {
                return PageEntry.invalid(level, raw, shift);
            }
            if (type == 1) {
                String note = String.format("domain %d%s", (raw >>> 5) & 0xf, (raw & 4) != 0 ? " PXN" : "");
                return PageEntry.table(level, raw, raw & 0xFFFFFC00L, shift, PageEntry.ALL_RIGHTS, note);
            }
            boolean pxn = type == 3;
            long ap = ((raw >>> 10) & 3) | (((raw >>> 15) & 1) << 2);
            long tex = (raw >>> 12) & 7;
            boolean xn = (raw & SEC_XN) != 0;
            boolean ng = (raw & SEC_NG) != 0;
            if ((raw & SUPERSECTION) != 0) {
                long pa = (raw & 0xFF000000L) | (((raw >>> 20) & 0xF) << 32) | (((raw >>> 5) & 0xF) << 36);
                return leaf(level, raw, pa, 24, ap, tex, raw & C, raw & B, xn, pxn, ng, "supersection");
            }
            return leaf(level, raw, raw & 0xFFF00000L, 20, ap, tex, raw & C, raw & B, xn, pxn, ng,
                    String.format("section domain %d", (raw >>> 5) & 0xf));
        }
        if (type == 0) {
            return PageEntry.invalid(level, raw, shift);
        }
        long ap = ((raw >>> 4) & 3) | (((raw >>> 9) & 1) << 2);
        boolean ng = (raw & NG) != 0;
        if (type == 1) {
            return leaf(level, raw, raw & 0xFFFF0000L, 16, ap, (raw >>> 12) & 7, raw & C, raw & B,
                    (raw & 0x8000) != 0, false, ng, "large page");
        }
        return leaf(level, raw, raw & 0xFFFFF000L, 12, ap, (raw >>> 6) & 7, raw & C, raw & B,
                (raw & SMALL_XN) != 0, false, ng, "");
    }

    private static PageEntry leaf(int level, long raw, long pa, int leafShift, long ap, long tex, long c, long b,
            boolean xn, boolean pxn, boolean ng, String note) {
        int priv;
        int user;
        switch ((int) ap) {
            case 1 -> { priv = PageAttr.READ | PageAttr.WRITE; user = 0; }
            case 2 -> { priv = PageAttr.READ | PageAttr.WRITE; user = PageAttr.READ; }
            case 3 -> { priv = PageAttr.READ | PageAttr.WRITE; user = PageAttr.READ | PageAttr.WRITE; }
            case 5 -> { priv = PageAttr.READ; user = 0; }
            case 6, 7 -> { priv = PageAttr.READ; user = PageAttr.READ; }
            default -> { priv = 0; user = 0; note = note + (ap == 4 ? " reserved AP" : " no access"); }
        }
        if (!xn) {
            if (!pxn && priv != 0) {
                priv |= PageAttr.EXEC;
            }
            if (user != 0) {
                user |= PageAttr.EXEC;
            }
        }
        CacheType cache = memoryType(tex, c != 0, b != 0);
        if (cache == CacheType.NONE) {
            note = note + " reserved memory type";
        }
        int attr = PageAttr.PRESENT | priv | user | (user != 0 ? PageAttr.USER : 0) | cache.attrBits();
        return new PageEntry(EntryKind.LEAF, level, raw, pa, leafShift, attr, user, cache, !ng, false, false,
                note.strip());
    }

    /** TEX[2:0], C, B with TEX remap disabled. */
    static CacheType memoryType(long tex, boolean c, boolean b) {
        if ((tex & 4) != 0) {
            // Cacheable normal memory; TEX[1:0] = outer, C:B = inner policy. Show the inner one.
            if (!c && !b) {
                return CacheType.NON_CACHEABLE;
            }
            return c && !b ? CacheType.WRITE_THROUGH : CacheType.WRITE_BACK;
        }
        int cb = (c ? 2 : 0) | (b ? 1 : 0);
        return switch ((int) tex) {
            case 0 -> switch (cb) {
                case 0 -> CacheType.STRONGLY_ORDERED;
                case 1 -> CacheType.DEVICE;
                case 2 -> CacheType.WRITE_THROUGH;
                default -> CacheType.WRITE_BACK;
            };
            case 1 -> cb == 0 ? CacheType.NON_CACHEABLE : cb == 3 ? CacheType.WRITE_BACK : CacheType.NONE;
            case 2 -> cb == 0 ? CacheType.DEVICE : CacheType.NONE;
            default -> CacheType.NONE;
        };
    }

    /** TEX, C, B for a PGHD cache request: device → shared device, not cached → TEX=1, else WB-WA (TEX=1 C B). */
    private static long[] texCb(int attr) {
        if ((attr & PageAttr.DEV) != 0) {
            return new long[] {0, 0, 1};
        }
        if ((attr & PageAttr.NOT_CACHED) != 0) {
            return new long[] {1, 0, 0};
        }
        return new long[] {1, 1, 1};
    }

    /**
     * An L2 small-page descriptor as Phoenix's {@code attrMap} builds it: SMALLPAGE | ACCESSFLAG, XN without
     * EXEC, READONLY without WRITE, PL0ACCESS | NOTGLOBAL with USER; no PRESENT writes 0.
     * At level 0 a 1 MiB section with the same rights.
     */
    @Override
    public long encodeLeaf(long pa, int attr, int level) {
        if (level < 0 || level > 1) {
            throw new IllegalArgumentException("armv7a levels are 0 and 1");
        }
        if ((attr & PageAttr.PRESENT) == 0) {
            return 0;
        }
        long[] t = texCb(attr);
        boolean user = (attr & PageAttr.USER) != 0;
        boolean ro = (attr & PageAttr.WRITE) == 0;
        boolean xn = (attr & PageAttr.EXEC) == 0;
        if (level == 1) {
            PageTableFormat.requireAligned(pa, 12, "small page");
            checkPa32(pa);
            return pa | SMALLPAGE | AP0 | (xn ? SMALL_XN : 0) | (ro ? AP2 : 0) | (user ? AP1 | NG : 0)
                    | (t[0] << 6) | (t[1] != 0 ? C : 0) | (t[2] != 0 ? B : 0);
        }
        PageTableFormat.requireAligned(pa, 20, "section");
        checkPa32(pa);
        return pa | sectionBits(attr);
    }

    private static long sectionBits(int attr) {
        long[] t = texCb(attr);
        boolean user = (attr & PageAttr.USER) != 0;
        return SECTION | SEC_AP0 | ((attr & PageAttr.EXEC) == 0 ? SEC_XN : 0)
                | ((attr & PageAttr.WRITE) == 0 ? SEC_AP2 : 0) | (user ? SEC_AP1 | SEC_NG : 0)
                | (t[0] << 12) | (t[1] != 0 ? C : 0) | (t[2] != 0 ? B : 0);
    }

    /** A 16 MiB supersection L1 descriptor (replicate it in 16 consecutive L1 entries); PA up to 40 bits. */
    public long encodeSupersection(long pa, int attr) {
        PageTableFormat.requireAligned(pa, 24, "supersection");
        if (pa >>> 40 != 0) {
            throw new IllegalArgumentException("supersections reach 40-bit PA");
        }
        if ((attr & PageAttr.PRESENT) == 0) {
            return 0;
        }
        return (pa & 0xFF000000L) | (((pa >>> 32) & 0xF) << 20) | (((pa >>> 36) & 0xF) << 5) | SUPERSECTION
                | sectionBits(attr);
    }

    /** A 64 KiB large-page L2 descriptor (replicate it in 16 consecutive L2 entries). */
    public long encodeLargePage(long pa, int attr) {
        PageTableFormat.requireAligned(pa, 16, "large page");
        checkPa32(pa);
        if ((attr & PageAttr.PRESENT) == 0) {
            return 0;
        }
        long[] t = texCb(attr);
        boolean user = (attr & PageAttr.USER) != 0;
        return pa | 0x1 | AP0 | ((attr & PageAttr.EXEC) == 0 ? 0x8000 : 0) | ((attr & PageAttr.WRITE) == 0 ? AP2 : 0)
                | (user ? AP1 | NG : 0) | (t[0] << 12) | (t[1] != 0 ? C : 0) | (t[2] != 0 ? B : 0);
    }

    /** L1 entry for an L2 table: {@code (pa & ~0x3ff) | 1} (domain 0). */
    @Override
    public long encodeTable(long tablePa, int level) {
        if (level != 0) {
            throw new IllegalArgumentException("armv7a tables hang off L1 only");
        }
        PageTableFormat.requireAligned(tablePa, 10, "L2 table");
        checkPa32(tablePa);
        return tablePa | L1_TABLE;
    }

    private static void checkPa32(long pa) {
        if (pa >>> 32 != 0) {
            throw new IllegalArgumentException(String.format("PA 0x%x above 4 GiB", pa));
        }
    }
}
