package org.vmscope.model.pmap;

import java.util.List;

/**
 * The result of walking one VA: every level's entry, and either the physical address or the level at
 * which translation faults.
 *
 * @param pa          the translated physical address (with the page offset), valid when {@code mapped}
 * @param faultLevel  the level whose entry was invalid, reserved or unreadable; -1 when mapped or when
 *                    the VA is not translated by this root at all
 * @param attr        effective {@link PageAttr} bits (leaf bits narrowed by hierarchical table limits)
 * @param userRights  effective READ/WRITE/EXEC for user mode
 * @param leaf        the leaf entry, or null
 */
public record Translation(PagingRoot root, long va, List<WalkStep> steps, boolean mapped, long pa, int faultLevel,
        int attr, int userRights, PageEntry leaf, List<WalkProblem> problems) {

    public Translation {
        steps = List.copyOf(steps);
        problems = List.copyOf(problems);
    }

    /** Bytes the leaf maps (0 when unmapped). */
    public long pageSize() {
        return leaf == null ? 0 : leaf.leafSize();
    }
}
