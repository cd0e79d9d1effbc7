package org.vmscope.model.pmap;

/** One level of a single-VA walk: which table, which slot, and what the entry says. */
public record WalkStep(int level, long tablePa, int index, long entryPa, PageEntry entry) {

    public long raw() {
        return entry.raw();
    }
}
