package org.vmscope.model.pmap;

/**
 * A run of VAs mapped to contiguous physical memory with equal effective attributes; adjacent leaves
 * (of any size) merge. Accessed/dirty bits do not split ranges.
 */
public record MappedRange(long va, long pa, long size, int attr, int userRights, CacheType cache, boolean global) {

    /** The last VA of the range (inclusive; the range may end at the top of the address space). */
    public long vaLast() {
        return va + size - 1;
    }

    public boolean containsVa(long v) {
        return Long.compareUnsigned(v - va, size) < 0;
    }

    public boolean containsPa(long p) {
        return Long.compareUnsigned(p - pa, size) < 0;
    }

    boolean sameAttributes(int a, int u, CacheType c, boolean g) {
        return attr == a && userRights == u && cache == c && global == g;
    }

    @Override
    public String toString() {
        return String.format("0x%x-0x%x -> 0x%x %s %s%s", va, vaLast(), pa, PageAttr.describe(attr), cache,
                global ? " G" : "");
    }
}
