package org.vmscope.model.pmap;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.vmscope.model.Arch;

/**
 * AArch64 VMSAv8-64 stage 1 with the 4 KiB granule: 512 eight-byte descriptors per table, 9 VA bits per
 * level, 1 GiB blocks at level 1 and 2 MiB blocks at level 2. The VA width ({@code 64 - TnSZ}) sets how
 * many levels are walked: 39 bits start at level 1, 48 bits at level 0, 30 bits (Phoenix's T1SZ=34 kernel
 * half) at level 2. Memory types come from MAIR_EL1 (Phoenix: 0x444FF).
 */
public final class Aarch64Format implements PageTableFormat {
    public static final long VALID = 1L;
    public static final long TABLE = 1L << 1;
    public static final long AP1 = 1L << 6;
    public static final long AP2 = 1L << 7;
    public static final long SH_INNER = 3L << 8;
    public static final long AF = 1L << 10;
    public static final long NG = 1L << 11;
    public static final long DBM = 1L << 51;
    public static final long PXN = 1L << 53;
    public static final long UXN = 1L << 54;
    public static final long PA_MASK = 0x0000FFFFFFFFF000L;
    /** Phoenix-RTOS's MAIR_EL1: idx0 normal WB, idx1 normal NC, idx2 Device-nGnRE, idx3 Device-nGnRnE. */
    public static final long PHOENIX_MAIR = 0x444FFL;

    private final PagingGeometry geometry;
    private final int firstHwLevel;
    private final long mair;

    /**
     * @param vaBits 25..48 ({@code 64 - TnSZ})
     * @param upper  true for a TTBR1 (upper, all-ones) region
     * @param mair   MAIR_EL1
     */
    public Aarch64Format(int vaBits, boolean upper, long mair) {
        if (vaBits < 25 || vaBits > 48) {
            throw new IllegalArgumentException("VA width 25..48 with the 4 KiB granule");
        }
        int levels = (vaBits - 12 + 8) / 9;
        int topBits = vaBits - 12 - 9 * (levels - 1);
        List<Integer> bits = new ArrayList<>();
        bits.add(topBits);
        for (int i = 1; i < levels; i++) {
            bits.add(9);
        }
        this.firstHwLevel = 4 - levels;
        int leaves = 0;
        for (int l = 0; l < levels; l++) {
            int hw = firstHwLevel + l;
            if (hw >= 1) {
                leaves |= 1 << l;
            }
        }
        this.geometry = new PagingGeometry("aarch64-" + vaBits + (upper ? "-ttbr1" : ""), bits, 8, 12, leaves,
                upper ? PagingGeometry.VaExtension.ONES : PagingGeometry.VaExtension.ZERO, 0, ByteOrder.LITTLE_ENDIAN);
        this.mair = mair;
    }

    /** Phoenix's user half: TTBR0 with T0SZ = 25 (39-bit VA, three levels from level 1). */
    public static Aarch64Format phoenixUser() {
        return new Aarch64Format(39, false, PHOENIX_MAIR);
    }

    /** Phoenix's kernel half as hardware walks it: TTBR1 with T1SZ = 34 (1 GiB from level 2). */
    public static Aarch64Format phoenixKernelTtbr1() {
        return new Aarch64Format(30, true, PHOENIX_MAIR);
    }

    /** The kernel's software three-level view: a {@code kernel_ttl1} whose last entry points at kernel_ttl2. */
    public static Aarch64Format phoenixKernelSoftware() {
        return new Aarch64Format(39, true, PHOENIX_MAIR);
    }

    /** The walk root for a TTBRn_EL1 value (ASID in bits 63:48, CnP in bit 0). */
    public PagingRoot rootFromTtbr(long ttbr) {
        return new PagingRoot(this, ttbr & 0x0000FFFFFFFFFFFEL & ~((long) geometry.tableBytes(0) - 1));
    }

    /** The hardware lookup level (0..3) of geometry level {@code level}. */
    public int hardwareLevel(int level) {
        return firstHwLevel + level;
    }

    @Override
    public Arch arch() {
        return Arch.AARCH64;
    }

    @Override
    public String name() {
        return geometry.name();
    }

    @Override
    public PagingGeometry geometry() {
        return geometry;
    }

    @Override
    public PageEntry decode(long raw, int level) {
        int shift = geometry.shift(level);
        if ((raw & VALID) == 0) {
            return PageEntry.invalid(level, raw, shift);
        }
        boolean last = level == geometry.lastLevel();
        boolean tableBit = (raw & TABLE) != 0;
        if (!last && tableBit) {
            int limit = PageEntry.ALL_RIGHTS;
            if ((raw & (1L << 61)) != 0) {
                limit &= ~PageAttr.USER; // APTable[0]: no EL0 access below
            }
            if ((raw & (1L << 62)) != 0) {
                limit &= ~PageAttr.WRITE; // APTable[1]: read-only below
            }
            String note = ((raw & (1L << 60)) != 0 ? "UXNTable " : "") + ((raw & (1L << 59)) != 0 ? "PXNTable" : "");
            return PageEntry.table(level, raw, raw & PA_MASK, shift, limit, note.strip());
        }
        if (last && !tableBit) {
            return PageEntry.reserved(level, raw, shift, "block descriptor at level 3");
        }
        if (!last && !geometry.leafAllowed(level)) {
            return PageEntry.reserved(level, raw, shift, "block at level " + hardwareLevel(level));
        }
        long pa = raw & PA_MASK & ~((1L << shift) - 1);
        boolean ap1 = (raw & AP1) != 0;
        boolean ap2 = (raw & AP2) != 0;
        int priv = PageAttr.READ | (ap2 ? 0 : PageAttr.WRITE) | ((raw & PXN) == 0 ? PageAttr.EXEC : 0);
        int user = ap1 ? PageAttr.READ | (ap2 ? 0 : PageAttr.WRITE) | ((raw & UXN) == 0 ? PageAttr.EXEC : 0) : 0;
        CacheType cache = mairType((int) ((raw >>> 2) & 7));
        int attr = PageAttr.PRESENT | priv | user | (ap1 ? PageAttr.USER : 0) | cache.attrBits();
        String note = last ? "" : (shift == 30 ? "1G block" : shift == 21 ? "2M block" : "block");
        if ((raw & DBM) != 0) {
            note = (note + " DBM").strip();
        }
        return new PageEntry(EntryKind.LEAF, level, raw, pa, shift, attr, user, cache, (raw & NG) == 0,
                (raw & AF) != 0, (raw & DBM) != 0 && !ap2, note);
    }

    private CacheType mairType(int idx) {
        int m = (int) ((mair >>> (8 * idx)) & 0xff);
        if ((m & 0xf0) == 0) {
            return (m & 0x0c) == 0 ? CacheType.STRONGLY_ORDERED : CacheType.DEVICE;
        }
        int inner = m & 0x0f;
        if (inner == 0x4) {
            return CacheType.NON_CACHEABLE;
        }
        return (inner & 0xc) == 0x4 || (inner & 0xc) == 0xc ? CacheType.WRITE_BACK : CacheType.WRITE_THROUGH;
    }

    /** Phoenix's AttrIndx for PGHD cache bits: NC|DEV → 3, NC → 1, DEV → 2, else 0. */
    private static long attrIndex(int attr) {
        boolean nc = (attr & PageAttr.NOT_CACHED) != 0;
        boolean dev = (attr & PageAttr.DEV) != 0;
        return nc && dev ? 3 : nc ? 1 : dev ? 2 : 0;
    }

    /**
     * PRESENT → VALID | page/table bit | AF | inner shareable; no EXEC → PXN|UXN; no WRITE → AP2; USER →
     * AP1. nG is added by the pmap for user VAs ({@link #NG}). Without PRESENT the descriptor is 0.
     */
    @Override
    public long encodeLeaf(long pa, int attr, int level) {
        if (!geometry.leafAllowed(level)) {
            throw new IllegalArgumentException("no block at level " + hardwareLevel(level));
        }
        int shift = geometry.shift(level);
        PageTableFormat.requireAligned(pa, shift, "output address");
        if ((pa & ~PA_MASK) != 0) {
            throw new IllegalArgumentException("PA above 48 bits");
        }
        if ((attr & PageAttr.PRESENT) == 0) {
            return 0;
        }
        long d = pa | VALID | (level == geometry.lastLevel() ? TABLE : 0) | AF | SH_INNER | (attrIndex(attr) << 2);
        if ((attr & PageAttr.EXEC) == 0) {
            d |= PXN | UXN;
        }
        if ((attr & PageAttr.WRITE) == 0) {
            d |= AP2;
        }
        if ((attr & PageAttr.USER) != 0) {
            d |= AP1;
        }
        return d;
    }

    @Override
    public long encodeTable(long tablePa, int level) {
        if (level >= geometry.lastLevel()) {
            throw new IllegalArgumentException("no table below the last level");
        }
        PageTableFormat.requireAligned(tablePa, 12, "table");
        if ((tablePa & ~PA_MASK) != 0) {
            throw new IllegalArgumentException("PA above 48 bits");
        }
        return tablePa | VALID | TABLE;
    }
}
