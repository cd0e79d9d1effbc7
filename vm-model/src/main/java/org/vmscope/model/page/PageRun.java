package org.vmscope.model.page;

/**
 * A run of page_t entries at consecutive physical addresses, the model of {@code pageinfo_t}
 * ({@code count}, {@code addr}, {@code marker}) plus the flags of the run's first page, for viewers.
 *
 * @param addr   physical address of the first frame
 * @param count  number of pages
 * @param marker the {@code pmap_marker} character shared by the run
 * @param flags  flags of the first page (runs built by marker may mix flags with the same marker)
 */
public record PageRun(long addr, long count, char marker, int flags) {
}
