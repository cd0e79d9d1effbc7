package org.vmscope.model.check;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The entry tree of one map (§2.3): links (parent pointers, valid children, no node reached twice), the
 * red-black rules, in-order sorted and disjoint ranges, and the gap augmentation recomputed by the reference's
 * node-local definition. Consequential checks are skipped once links or ordering are broken, so one
 * corruption gives one problem.
 */
final class MapTreeChecks {
    private MapTreeChecks() {
    }

    static void run(MapState m, ProblemSink sink) {
        if (!links(m, sink)) {
            return;
        }
        redBlack(m, sink);
        List<EntryState> sorted = m.inOrder();
        if (!ordered(m, sorted, sink) || !inside(m, sorted)) {
            return; // gaps are measured between sorted entries inside [start, stop)
        }
        gaps(m, sorted, sink);
    }

    /** Follows every link from the root once; false when any is broken. */
    static boolean links(MapState m, ProblemSink sink) {
        if (m.root == PageArrayState.NIL) {
            return true;
        }
        EntryState root = m.nodes.get(m.root);
        if (root == null) {
            sink.add(ProblemCode.MAP_TREE_LINK_CORRUPT, m.name, "tree root (slot %d) is not a decoded pool entry",
                    m.root);
            return false;
        }
        boolean ok = true;
        if (root.parent != PageArrayState.NIL) {
            sink.add(ProblemCode.MAP_TREE_LINK_CORRUPT, m.subject(root), "root has a parent link (slot %d)",
                    root.parent);
            ok = false;
        }
        Set<Integer> seen = new HashSet<>();
        seen.add(root.slot);
        Deque<EntryState> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            EntryState n = todo.pop();
            for (int c : new int[] {n.left, n.right}) {
                if (c == PageArrayState.NIL) {
                    continue;
                }
                EntryState child = m.nodes.get(c);
                if (child == null) {
                    sink.add(ProblemCode.MAP_TREE_LINK_CORRUPT, m.subject(n), "child link %s is not a pool entry",
                            c == PageArrayState.BAD ? "(outside the pool)" : "slot " + c);
                    ok = false;
                } else if (!seen.add(c)) {
                    sink.add(ProblemCode.MAP_TREE_LINK_CORRUPT, m.subject(child),
                            "reached a second time (from slot %d): the tree has a cycle or a shared child", n.slot);
                    ok = false;
                } else {
                    if (child.parent != n.slot) {
                        sink.add(ProblemCode.MAP_TREE_LINK_CORRUPT, m.subject(child),
                                "parent link is %s but the node is a child of slot %d", slot(child.parent), n.slot);
                        ok = false;
                    }
                    todo.push(child);
                }
            }
        }
        return ok;
    }

    private static String slot(int s) {
        return s == PageArrayState.NIL ? "NULL" : s == PageArrayState.BAD ? "outside the pool" : "slot " + s;
    }

    /** Black root, no red node with a red child, equal black heights (iterative post-order). */
    static void redBlack(MapState m, ProblemSink sink) {
        EntryState root = m.nodes.get(m.root);
        if (root == null) {
            return;
        }
        if (!root.black) {
            sink.add(ProblemCode.MAP_TREE_RB_VIOLATION, m.subject(root), "the root is red");
        }
        Map<Integer, Integer> height = new HashMap<>();
        Deque<EntryState> stack = new ArrayDeque<>();
        Set<Integer> expanded = new HashSet<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            EntryState n = stack.peek();
            EntryState l = m.nodes.get(n.left);
            EntryState r = m.nodes.get(n.right);
            if (expanded.add(n.slot)) {
                if (l != null) {
                    stack.push(l);
                }
                if (r != null) {
                    stack.push(r);
                }
                continue;
            }
            stack.pop();
            if (!n.black && ((l != null && !l.black) || (r != null && !r.black))) {
                sink.add(ProblemCode.MAP_TREE_RB_VIOLATION, m.subject(n), "red node with a red child");
            }
            int hl = l == null ? 1 : height.get(l.slot);
            int hr = r == null ? 1 : height.get(r.slot);
            if (hl != hr) {
                sink.add(ProblemCode.MAP_TREE_RB_VIOLATION, m.subject(n),
                        "black height %d on the left, %d on the right", hl, hr);
            }
            height.put(n.slot, Math.max(hl, hr) + (n.black ? 1 : 0));
        }
    }

    /** In-order entries sorted and disjoint; false when not. */
    static boolean ordered(MapState m, List<EntryState> sorted, ProblemSink sink) {
        boolean ok = true;
        for (int i = 1; i < sorted.size(); i++) {
            EntryState a = sorted.get(i - 1);
            EntryState b = sorted.get(i);
            if (Long.compareUnsigned(a.vaddr + a.size, b.vaddr) > 0) {
                sink.add(ProblemCode.MAP_ENTRY_OVERLAP, m.subject(b), "overlaps or precedes the in-order previous %s",
                        m.subject(a));
                ok = false;
            }
        }
        return ok;
    }

    /**
     * §2.3: without a left child lmaxgap is the gap to the in-order predecessor (or to {@code start}); with one
     * it is the larger of the left child's two values, all recomputed bottom-up from the ranges alone.
     */
    static void gaps(MapState m, List<EntryState> sorted, ProblemSink sink) {
        Map<Integer, Integer> pos = new HashMap<>();
        for (int i = 0; i < sorted.size(); i++) {
            pos.put(sorted.get(i).slot, i);
        }
        Map<Integer, long[]> truth = new HashMap<>();
        for (EntryState n : postOrder(m)) {
            int i = pos.get(n.slot);
            EntryState l = m.nodes.get(n.left);
            EntryState r = m.nodes.get(n.right);
            long before = n.vaddr - (i == 0 ? m.start : sorted.get(i - 1).end());
            long after = (i == sorted.size() - 1 ? m.stop : sorted.get(i + 1).vaddr) - n.end();
            long lg = l == null ? before : umax(truth.get(l.slot));
            long rg = r == null ? after : umax(truth.get(r.slot));
            truth.put(n.slot, new long[] {lg, rg});
            if (n.lmaxgap != lg || n.rmaxgap != rg) {
                sink.add(ProblemCode.MAP_GAP_MISMATCH, m.subject(n), "lmaxgap/rmaxgap are 0x%x/0x%x, expected 0x%x/0x%x",
                        n.lmaxgap, n.rmaxgap, lg, rg);
            }
        }
    }

    private static boolean inside(MapState m, List<EntryState> sorted) {
        if (sorted.isEmpty()) {
            return true;
        }
        EntryState lo = sorted.get(0);
        EntryState hi = sorted.get(sorted.size() - 1);
        return Long.compareUnsigned(lo.vaddr, m.start) >= 0 && Long.compareUnsigned(hi.end(), m.stop) <= 0
                && Long.compareUnsigned(hi.end(), hi.vaddr) >= 0;
    }

    private static long umax(long[] v) {
        return Long.compareUnsigned(v[0], v[1]) >= 0 ? v[0] : v[1];
    }

    /** Children before parents; only called on trees whose links were verified. */
    private static List<EntryState> postOrder(MapState m) {
        List<EntryState> out = new ArrayList<>();
        EntryState root = m.nodes.get(m.root);
        if (root == null) {
            return out;
        }
        Deque<EntryState> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            EntryState n = stack.pop();
            out.add(n);
            EntryState l = m.nodes.get(n.left);
            EntryState r = m.nodes.get(n.right);
            if (l != null) {
                stack.push(l);
            }
            if (r != null) {
                stack.push(r);
            }
        }
        Collections.reverse(out);
        return out;
    }
}
