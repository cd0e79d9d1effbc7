package org.vmscope.core;

/**
 * Consecutive physical pages with the same state, as {@code mem -p} prints them with one marker each.
 *
 * @param start  physical address of the first page
 * @param pages  number of pages
 * @param marker psh's marker character ('.' free, 'K' kernel, 'A' application, 'x' a hole, ...)
 * @param flags  the page_t flags shared by the run (-1 for a hole)
 */
public record PageRun(long start, long pages, char marker, int flags) {
}
