package org.vmscope.core;

/**
 * One of the page allocator's buddy free lists ({@code pages.sizes[order]}): free blocks of {@code 2^order}
 * bytes.
 */
public record BuddyList(int order, long blocks) {

    public long blockBytes() {
        return 1L << order;
    }

    public long bytes() {
        return blocks * blockBytes();
    }
}
