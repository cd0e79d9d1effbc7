package org.vmscope.bridge.kernel;

/** {@code map_common}'s entry pool: total and free slot counts (shared by every map). */
public record EntryPoolInfo(long total, long free, long entriesAddress) {
}
