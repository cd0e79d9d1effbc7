package org.vmscope.core;

/**
 * The page allocator's totals, in bytes.
 *
 * @param bootBytes the part of the used bytes that boot allocated (psh's {@code mem} prints it apart)
 */
public record PageTotals(long totalBytes, long freeBytes, long pageSize, long bootBytes) {

    /** Totals of a target whose boot allocations are not told apart (they count as ordinary use). */
    public PageTotals(long totalBytes, long freeBytes, long pageSize) {
        this(totalBytes, freeBytes, pageSize, 0);
    }

    public long usedBytes() {
        return totalBytes - freeBytes;
    }
}
