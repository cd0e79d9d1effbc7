package org.vmscope.model.kernel;

/**
 * A physical range {@code [start, start+size)} with the page flags boot gives its frames
 * ({@code hal_config.memMap}-style entries, syspage reserved entries).
 */
public record MemRegion(String name, long start, long size, int flags) {

    public MemRegion {
        if (size <= 0) {
            throw new IllegalArgumentException("region size must be positive: " + name);
        }
    }

    public long end() {
        return start + size;
    }

    public boolean contains(long pa) {
        return Long.compareUnsigned(pa, start) >= 0 && Long.compareUnsigned(pa - start, size) < 0;
    }
}
