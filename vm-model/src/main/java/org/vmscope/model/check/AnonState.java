package org.vmscope.model.check;

/**
 * One decoded {@code anon_t} (§2.5): its references and its page's frame address ({@code -1} when NULL).
 */
public final class AnonState {
    final long id;
    final String label;
    int refs;
    long page;

    public AnonState(long id, String label, int refs, long page) {
        this.id = id;
        this.label = label;
        this.refs = refs;
        this.page = page;
    }

    public long id() {
        return id;
    }

    public String label() {
        return label;
    }

    public int refs() {
        return refs;
    }

    /** Frame address of {@code anon->page}, or -1. */
    public long page() {
        return page;
    }
}
