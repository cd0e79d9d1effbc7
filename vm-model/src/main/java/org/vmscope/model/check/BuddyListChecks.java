package org.vmscope.model.check;

import java.util.Arrays;

/**
 * The buddy lists of {@code pages_info.sizes[]} (§3.1): each a circular doubly-linked list through
 * {@code next}/{@code prev}, holding free heads whose {@code idx} is the list number. Traversal is bounded:
 * every page is entered at most once, so a cyclic or cross-linked list is reported, never looped on.
 *
 * <p>The result records, for every page, the list it was found on ({@code -1} for none), which the free
 * block checks use.
 */
final class BuddyListChecks {
    private BuddyListChecks() {
    }

    /** What the traversal found. */
    record Lists(int[] listOf, boolean corrupt) {
    }

    static Lists run(PageArrayState s, ProblemSink sink) {
        int n = s.count();
        int[] listOf = new int[n];
        Arrays.fill(listOf, -1);
        boolean corrupt = false;
        for (int order = 0; order < s.heads.length; order++) {
            corrupt |= !walk(s, order, listOf, sink);
        }
        return new Lists(listOf, corrupt);
    }

    private static String list(int order) {
        return "buddy list sizes[" + order + "]";
    }

    private static boolean valid(PageArrayState s, int link) {
        return link >= 0 && link < s.count();
    }

    /** Walks list {@code order}; false when it is not a well-formed circular list. */
    private static boolean walk(PageArrayState s, int order, int[] listOf, ProblemSink sink) {
        int head = s.heads[order];
        if (head == PageArrayState.NIL) {
            return true;
        }
        if (!valid(s, head)) {
            sink.add(ProblemCode.PAGE_BUDDY_LIST_CORRUPT, list(order), "head does not point at a page_t of the array");
            return false;
        }
        boolean ok = true;
        int cur = head;
        for (int steps = 0; steps <= s.count(); steps++) {
            if (listOf[cur] == order) {
                sink.add(ProblemCode.PAGE_BUDDY_LIST_CORRUPT, s.subject(cur),
                        "%s loops back to this page without returning to its head (index %d)", list(order), head);
                return false;
            }
            if (listOf[cur] >= 0) {
                sink.add(ProblemCode.PAGE_IN_TWO_LISTS, s.subject(cur), "on %s and on %s", list(listOf[cur]),
                        list(order));
                return false;
            }
            listOf[cur] = order;
            if (!s.isFree(cur)) {
                sink.add(ProblemCode.PAGE_LISTED_NOT_FREE, s.subject(cur), "on %s but flags 0x%02x lack PAGE_FREE",
                        list(order), s.flags[cur]);
            }
            if (s.idx[cur] != order) {
                sink.add(ProblemCode.PAGE_LIST_IDX_MISMATCH, s.subject(cur), "on %s but idx is %d", list(order),
                        s.idx[cur]);
            }
            int nx = s.next[cur];
            if (!valid(s, nx)) {
                sink.add(ProblemCode.PAGE_BUDDY_LIST_CORRUPT, s.subject(cur), "next link on %s is %s", list(order),
                        nx == PageArrayState.NIL ? "NULL" : "not a page_t of the array");
                return false;
            }
            if (s.prev != null && s.prev[nx] != cur) {
                sink.add(ProblemCode.PAGE_BUDDY_LIST_CORRUPT, s.subject(nx),
                        "prev link on %s is %s, but the page before it is index %d", list(order), link(s.prev[nx]),
                        cur);
                ok = false;
            }
            if (nx == head) {
                return ok;
            }
            cur = nx;
        }
        // Unreachable: every step marks a new page.
        sink.add(ProblemCode.PAGE_BUDDY_LIST_CORRUPT, list(order), "longer than the page array");
        return false;
    }

    private static String link(int l) {
        return l == PageArrayState.NIL ? "NULL" : l == PageArrayState.BAD ? "invalid" : "index " + l;
    }
}
