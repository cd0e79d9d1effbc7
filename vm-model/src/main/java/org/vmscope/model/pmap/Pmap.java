package org.vmscope.model.pmap;

import java.util.List;

/**
 * One address space's hardware context, the model of the kernel's {@code pmap_t} and the
 * {@code pmap_*} functions that {@code vm/} calls. Implementations write real page-table entries
 * into simulated physical memory in the architecture's own format.
 */
public interface Pmap {

    /** Returned by {@link #enter} when an intermediate table is missing and none was supplied. */
    int NEEDS_TABLE = -14; // -EFAULT, as the kernel returns it

    /**
     * {@code pmap_enter}: maps (or re-attributes) the page at {@code va} to frame {@code pa}.
     *
     * @param tablePage physical address of a free frame the pmap may use (zero-filled by the pmap)
     *                  as a missing intermediate table, or {@code -1} for none
     * @return 0, or {@link #NEEDS_TABLE} (the caller allocates a frame and calls again with it);
     *         other negative errno values as the architecture's kernel returns them
     */
    int enter(long pa, long va, int attr, long tablePage);

    /** {@code pmap_remove}: invalidates {@code [vstart, vend)}; tables are not freed. */
    void remove(long vstart, long vend);

    /** {@code pmap_resolve}: the physical address {@code va} maps to (page-masked), or 0. */
    long resolve(long va);

    /** The paging root register value's physical table address (CR3, TTBR0, satp PPN, context table). */
    long root();

    /** {@code pmap_destroy}: the frames of this pmap's user page-table pages, for the caller to free. */
    List<Long> destroy();
}
