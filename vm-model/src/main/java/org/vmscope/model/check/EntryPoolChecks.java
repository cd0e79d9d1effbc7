package org.vmscope.model.check;

import java.util.ArrayList;
import java.util.List;

/**
 * The entry pool against every map (§2.3, §6): the free chain acyclic with valid links and {@code nfree}
 * long, disjoint from the entries in maps, no entry in two maps, and used + free = total. Pass every live map,
 * or the entries of the missing ones look leaked.
 */
final class EntryPoolChecks {
    private EntryPoolChecks() {
    }

    static void run(EntryPoolState pool, List<MapState> maps, ProblemSink sink) {
        int n = pool.ntotal;
        boolean[] free = new boolean[n];
        boolean chainOk = chain(pool, free, sink);
        String[] inMap = new String[n];
        for (MapState m : maps) {
            for (EntryState e : m.inOrder()) {
                int s = e.slot;
                if (s < 0 || s >= n) {
                    sink.add(ProblemCode.POOL_ENTRY_IN_TWO_MAPS, m.subject(e), "slot %d is outside the pool of %d", s, n);
                    continue;
                }
                if (inMap[s] != null) {
                    sink.add(ProblemCode.POOL_ENTRY_IN_TWO_MAPS, m.subject(e), "pool slot %d is also in %s", s,
                            inMap[s]);
                } else {
                    inMap[s] = m.name;
                }
                if (free[s]) {
                    sink.add(ProblemCode.POOL_FREE_ENTRY_IN_MAP, m.subject(e), "pool slot %d is on the free chain", s);
                }
            }
        }
        if (!chainOk) {
            return;
        }
        List<Integer> leaked = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            if (!free[s] && inMap[s] == null) {
                leaked.add(s);
            }
        }
        if (!leaked.isEmpty()) {
            sink.add(ProblemCode.POOL_SLOT_LEAKED, "map_entry pool",
                    "%d slot(s) neither free nor in any map (used + free != total), first: %s", leaked.size(),
                    leaked.subList(0, Math.min(8, leaked.size())));
        }
    }

    /** Walks the free chain, marking free slots; false when the chain is broken. */
    private static boolean chain(EntryPoolState pool, boolean[] free, ProblemSink sink) {
        int cur = pool.head;
        int len = 0;
        int prev = -1;
        while (cur != PageArrayState.NIL) {
            if (cur < 0 || cur >= pool.ntotal) {
                sink.add(ProblemCode.POOL_FREE_LIST_CORRUPT, prev < 0 ? "map_common.free" : EntryPoolState.subject(prev),
                        "next link points outside the pool");
                return false;
            }
            if (free[cur]) {
                sink.add(ProblemCode.POOL_FREE_LIST_CORRUPT, EntryPoolState.subject(prev),
                        "next link points back at slot %d: the free chain is cyclic", cur);
                return false;
            }
            free[cur] = true;
            len++;
            prev = cur;
            cur = pool.next[cur];
        }
        if (len != pool.nfree) {
            sink.add(ProblemCode.POOL_NFREE_MISMATCH, "map_common.nfree", "is %d, the free chain holds %d", pool.nfree,
                    len);
        }
        return true;
    }
}
