package org.vmscope.model.check;

/**
 * One decoded {@code vm_object_t} (§2.4): kind, references and the page cache as frame addresses
 * ({@code -1} for an empty slot). {@code VM_OBJ_PHYSMEM} is not an object: entries name it with
 * {@link #PHYSMEM}.
 */
public final class ObjectState {
    /** The handle entries use for {@code VM_OBJ_PHYSMEM} ({@code (vm_object_t *)-1}). */
    public static final long PHYSMEM = -1L;

    /** What an object is; decides which checks apply. */
    public enum Kind {
        /** {@code main_common.kernel}, oid 0.0: its refs are not tracked per entry (see {@link RefCountChecks}). */
        KERNEL,
        /** A file object from the object tree. */
        FILE,
        /** A {@code MAP_CONTIGUOUS} object: one buddy block, outside the tree. */
        CONTIGUOUS
    }

    final long id;
    final Kind kind;
    final String label;
    int refs;
    final long[] pages;

    public ObjectState(long id, Kind kind, String label, int refs, long[] pages) {
        this.id = id;
        this.kind = kind;
        this.label = label;
        this.refs = refs;
        this.pages = pages;
    }

    public long id() {
        return id;
    }

    public Kind kind() {
        return kind;
    }

    public String label() {
        return label;
    }

    public int refs() {
        return refs;
    }

    /** Slots of the page cache holding a page. */
    public int cachedPages() {
        int n = 0;
        for (long p : pages) {
            if (p != -1) {
                n++;
            }
        }
        return n;
    }

    /** Frame of the cached page for object offset {@code offs}, or -1. */
    public long pageAt(long offs, long pageSize) {
        long i = Long.divideUnsigned(offs, pageSize);
        return Long.compareUnsigned(i, pages.length) < 0 ? pages[(int) i] : -1;
    }
}
