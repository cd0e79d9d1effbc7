package org.vmscope.core;

/** The page allocator's totals, in bytes. */
public record PageTotals(long totalBytes, long freeBytes, long pageSize) {

    public long usedBytes() {
        return totalBytes - freeBytes;
    }
}
