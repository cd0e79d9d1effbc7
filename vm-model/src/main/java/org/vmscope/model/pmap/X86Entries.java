package org.vmscope.model.pmap;

/**
 * What ia32 and x86_64 entries share bit for bit: the PWT/PCD cache bits (read with the power-on PAT;
 * the PAT bit itself goes in the note) and the A/D/G/U/S fields of a leaf.
 */
final class X86Entries {
    private static final long US = 0x004;
    private static final long PWT = 0x008;
    private static final long PCD = 0x010;
    private static final long A = 0x020;
    private static final long D = 0x040;
    private static final long G = 0x100;

    private X86Entries() {
    }

    /** A present leaf: {@code rights} are what the entry grants, the cache type and flags come from {@code raw}. */
    static PageEntry leaf(int level, long raw, long pa, int shift, int rights, String note) {
        boolean user = (raw & US) != 0;
        CacheType cache = cacheOf(raw);
        int attr = PageAttr.PRESENT | rights | (user ? PageAttr.USER : 0) | cache.attrBits();
        return new PageEntry(EntryKind.LEAF, level, raw, pa, shift, attr, user ? rights : 0, cache,
                (raw & G) != 0, (raw & A) != 0, (raw & D) != 0, note);
    }

    static CacheType cacheOf(long raw) {
        boolean pwt = (raw & PWT) != 0;
        boolean pcd = (raw & PCD) != 0;
        if (pcd) {
            return pwt ? CacheType.DEVICE : CacheType.NON_CACHEABLE;
        }
        return pwt ? CacheType.WRITE_THROUGH : CacheType.WRITE_BACK;
    }

    /** PGHD cache bits: DEV = UC (PCD|PWT), NOT_CACHED = UC- (PCD). */
    static long cacheBits(int attr) {
        if ((attr & PageAttr.DEV) != 0) {
            return PCD | PWT;
        }
        if ((attr & PageAttr.NOT_CACHED) != 0) {
            return PCD;
        }
        return 0;
    }
}
