package org.vmscope.model.map;

/**
 * {@code proc_current()->process}: whose behalf the mapper runs on. NOMMU {@code _vm_mmap} gives new entries to
 * this process and {@code vm_mprotect} gives it the pieces it splits off; null is a kernel thread (or boot).
 */
public final class CurrentProcess {
    private EntryOwner current;

    public EntryOwner get() {
        return current;
    }

    /** Switches to {@code p} and returns the previous one, for the caller to restore. */
    public EntryOwner set(EntryOwner p) {
        EntryOwner old = current;
        current = p;
        return old;
    }
}
