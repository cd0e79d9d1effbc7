package org.vmscope.model.lib;

/**
 * {@code rbnode_t}: the links of a red-black tree node, embedded in the owning structure (map entry, zone)
 * by extension. Empty children are null, as in the kernel.
 */
public abstract class RbNode<N extends RbNode<N>> {
    N parent;
    N left;
    N right;
    boolean black;

    public final N parent() {
        return parent;
    }

    public final N left() {
        return left;
    }

    public final N right() {
        return right;
    }

    /** {@code RB_BLACK} (1) or {@code RB_RED} (0). */
    public final boolean isBlack() {
        return black;
    }
}
