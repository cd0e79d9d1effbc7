package org.vmscope.bridge.mirror;

/** {@code length} bytes of physical memory at {@code pa}, e.g. one page table to prefetch. */
public record PhysRange(long pa, int length) {

    public PhysRange {
        if (length <= 0) {
            throw new IllegalArgumentException("length must be positive: " + length);
        }
    }
}
