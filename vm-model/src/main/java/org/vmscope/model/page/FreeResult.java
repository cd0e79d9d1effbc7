package org.vmscope.model.page;

/** Outcome of {@link PageAllocator#free}. The kernel has no return value; it hangs on a double free. */
public enum FreeResult {
    /** The block was marked free and merged/listed. */
    FREED,
    /** NULL was passed; the kernel ignores it too. */
    IGNORED,
    /** The head already had PAGE_FREE: the kernel prints {@code page: double free} and spins forever. */
    DOUBLE_FREE,
    /** The page is not part of this allocator or its block runs off the array: rejected by the model. */
    INVALID
}
