package org.vmscope.model.lib;

import java.util.function.Consumer;

/**
 * {@code lib/rb.c}: the kernel's red-black tree, ported operation by operation so that tree shapes (and so
 * the augmented gap data and every gap search) match the kernel exactly: insert descends with
 * {@code compare(treeNode, newNode)}, going left when it is positive; the augment callback runs on the same
 * nodes and at the same moments (new node, both children after a rotation, transplant parents, the
 * neighbours of a removed node).
 */
public final class RbTree<N extends RbNode<N>> {

    /** {@code rbcomp_t}: positive when {@code probe} sorts before {@code node}, 0 when they match. */
    @FunctionalInterface
    public interface Compare<N> {
        int compare(N node, N probe);
    }

    private final Compare<N> compare;
    private final Consumer<N> augment;
    private N root;

    public RbTree(Compare<N> compare, Consumer<N> augment) {
        this.compare = compare;
        this.augment = augment;
    }

    public N root() {
        return root;
    }

    private void augment(N n) {
        if (n != null && augment != null) {
            augment.accept(n);
        }
    }

    private void rotateLeft(N x) {
        N y = x.right;
        x.right = y.left;
        if (y.left != null) {
            y.left.parent = x;
        }
        y.parent = x.parent;
        if (x.parent == null) {
            root = y;
        } else if (x == x.parent.left) {
            x.parent.left = y;
        } else {
            x.parent.right = y;
        }
        y.left = x;
        x.parent = y;
        augment(y.left);
        augment(y.right);
    }

    private void rotateRight(N x) {
        N y = x.left;
        x.left = y.right;
        if (y.right != null) {
            y.right.parent = x;
        }
        y.parent = x.parent;
        if (x.parent == null) {
            root = y;
        } else if (x == x.parent.right) {
            x.parent.right = y;
        } else {
            x.parent.left = y;
        }
        y.right = x;
        x.parent = y;
        augment(y.left);
        augment(y.right);
    }

    /** {@code lib_rbInsert}: false (-EEXIST) when an equal node exists. */
    public boolean insert(N z) {
        N y = null;
        N x = root;
        int c = 0;
        while (x != null) {
            y = x;
            c = compare.compare(y, z);
            if (c == 0) {
                return false;
            }
            x = c > 0 ? x.left : x.right;
        }
        z.parent = y;
        if (y == null) {
            root = z;
        } else if (c > 0) {
            y.left = z;
        } else {
            y.right = z;
        }
        z.left = null;
        z.right = null;
        z.black = false;
        augment(z);
        insertBalance(z);
        return true;
    }

    private void insertBalance(N node) {
        N z = node;
        while (z.parent != null && !z.parent.black) {
            N gp = z.parent.parent;
            if (z.parent == gp.left) {
                N y = gp.right;
                if (y != null && !y.black) {
                    z.parent.black = true;
                    y.black = true;
                    gp.black = false;
                    z = gp;
                } else if (z == z.parent.right) {
                    z = z.parent;
                    rotateLeft(z);
                } else {
                    z.parent.black = true;
                    gp.black = false;
                    rotateRight(gp);
                }
            } else {
                N y = gp.left;
                if (y != null && !y.black) {
                    z.parent.black = true;
                    y.black = true;
                    gp.black = false;
                    z = gp;
                } else if (z == z.parent.left) {
                    z = z.parent;
                    rotateRight(z);
                } else {
                    z.parent.black = true;
                    gp.black = false;
                    rotateLeft(gp);
                }
            }
        }
        root.black = true;
    }

    private void transplant(N u, N v) {
        if (u.parent != null) {
            if (u == u.parent.left) {
                u.parent.left = v;
            } else {
                u.parent.right = v;
            }
            augment(u.parent);
        } else {
            root = v;
        }
        if (v != null) {
            v.parent = u.parent;
        }
        augment(v);
    }

    /** {@code lib_rbRemove}. */
    public void remove(N z) {
        N y = z;
        N x;
        N p = z.parent;
        boolean yBlack = y.black;
        if (z.left == null) {
            x = z.right;
            transplant(z, z.right);
        } else if (z.right == null) {
            x = z.left;
            transplant(z, z.left);
        } else {
            y = minimum(z.right);
            yBlack = y.black;
            x = y.right;
            if (y.parent == z) {
                p = y;
            } else {
                p = y.parent;
                transplant(y, y.right);
                y.right = z.right;
                y.right.parent = y;
            }
            transplant(z, y);
            y.left = z.left;
            y.left.parent = y;
            y.black = z.black;
            augment(maximum(y.left));
            augment(minimum(y.right));
        }
        z.parent = null;
        z.left = null;
        z.right = null;
        if (yBlack) {
            removeBalance(p, x);
        }
    }

    /**
     * {@code lib_rbRemoveBalance}. The kernel stands a stack "nil" node (black, parent = p) in for a null x;
     * here {@code x == null} with {@code xParent} plays that role. Like the kernel's nil, its parent is never
     * updated by rotations.
     */
    private void removeBalance(N parent, N node) {
        if (root == null) {
            return;
        }
        N x = node;
        N xParent = node == null ? parent : node.parent;
        boolean nil = node == null;
        while (x != root && (nil || x.black)) {
            N xp = nil ? xParent : x.parent;
            boolean isLeft = nil ? xp.left == null : x == xp.left;
            if (isLeft) {
                N w = xp.right;
                if (!w.black) {
                    w.black = true;
                    xp.black = false;
                    rotateLeft(xp);
                    w = xp.right;
                }
                if ((w.left == null || w.left.black) && (w.right == null || w.right.black)) {
                    w.black = false;
                    x = xp;
                    nil = false;
                } else if (w.right == null || w.right.black) {
                    w.left.black = true;
                    w.black = false;
                    rotateRight(w);
                    w = xp.right;
                } else {
                    w.black = xp.black;
                    xp.black = true;
                    w.right.black = true;
                    rotateLeft(xp);
                    x = root;
                    nil = false;
                }
            } else {
                N w = xp.left;
                if (!w.black) {
                    w.black = true;
                    xp.black = false;
                    rotateRight(xp);
                    w = xp.left;
                }
                if ((w.right == null || w.right.black) && (w.left == null || w.left.black)) {
                    w.black = false;
                    x = xp;
                    nil = false;
                } else if (w.left == null || w.left.black) {
                    w.right.black = true;
                    w.black = false;
                    rotateLeft(w);
                    w = xp.left;
                } else {
                    w.black = xp.black;
                    xp.black = true;
                    w.left.black = true;
                    rotateRight(xp);
                    x = root;
                    nil = false;
                }
            }
        }
        if (!nil) {
            x.black = true;
        }
    }

    /** {@code lib_rbFind}: the first node on the search path comparing equal to {@code probe}. */
    public N find(N probe) {
        N it = root;
        while (it != null) {
            int c = compare.compare(it, probe);
            if (c == 0) {
                return it;
            }
            it = c > 0 ? it.left : it.right;
        }
        return null;
    }

    public static <N extends RbNode<N>> N minimum(N node) {
        N x = node;
        if (x == null) {
            return null;
        }
        while (x.left != null) {
            x = x.left;
        }
        return x;
    }

    public static <N extends RbNode<N>> N maximum(N node) {
        N x = node;
        if (x == null) {
            return null;
        }
        while (x.right != null) {
            x = x.right;
        }
        return x;
    }

    /** {@code lib_rbNext}: in-order successor. */
    public static <N extends RbNode<N>> N next(N node) {
        N x = node;
        if (x.right != null) {
            return minimum(x.right);
        }
        while (x.parent != null && x == x.parent.right) {
            x = x.parent;
        }
        return x.parent;
    }

    /** {@code lib_rbPrev}: in-order predecessor. */
    public static <N extends RbNode<N>> N prev(N node) {
        N x = node;
        if (x.left != null) {
            return maximum(x.left);
        }
        while (x.parent != null && x == x.parent.left) {
            x = x.parent;
        }
        return x.parent;
    }

    public N first() {
        return minimum(root);
    }
}
