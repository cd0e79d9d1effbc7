package org.vmscope.model.check;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * kmalloc (§3.12): every class list and the used list is a well-formed circular list of zones of the right
 * kind (class lists: blocks of 2^i bytes, not full; used list: full), no zone on two lists, the zone tree
 * holding exactly the listed zones, and {@code allocsz}/{@code hdrblocks} equal to the sums over zones.
 */
final class KmallocChecks {
    private KmallocChecks() {
    }

    static void run(KmallocState k, ProblemSink sink) {
        Map<Long, String> listOf = new HashMap<>();
        for (int i = 0; i < KmallocState.CLASSES; i++) {
            walk(k, k.sizes[i], "kmalloc sizes[" + i + "]", i, listOf, sink);
        }
        walk(k, k.used, "kmalloc used list", -1, listOf, sink);
        if (k.tree != null) {
            for (long id : listOf.keySet()) {
                if (!k.tree.contains(id)) {
                    sink.add(ProblemCode.KMALLOC_TREE_MISMATCH, k.zones.get(id).label, "listed but not in the zone tree");
                }
            }
            for (long id : k.tree) {
                if (!listOf.containsKey(id)) {
                    ZoneState z = k.zones.get(id);
                    sink.add(ProblemCode.KMALLOC_TREE_MISMATCH, z == null ? "zone " + id : z.label,
                            "in the zone tree but on no list");
                }
            }
        }
        counters(k, listOf.keySet(), sink);
    }

    private static void walk(KmallocState k, long head, String list, int cls, Map<Long, String> listOf,
            ProblemSink sink) {
        if (head == 0) {
            return;
        }
        Set<Long> here = new HashSet<>();
        long cur = head;
        for (int steps = 0; steps <= k.zones.size() + 1; steps++) {
            ZoneState z = k.zones.get(cur);
            if (z == null) {
                sink.add(ProblemCode.KMALLOC_ZONE_LIST_CORRUPT, list, "links to 0x%x, not a zone", cur);
                return;
            }
            if (!here.add(cur)) {
                sink.add(ProblemCode.KMALLOC_ZONE_LIST_CORRUPT, z.label, "%s loops back here without reaching its head",
                        list);
                return;
            }
            String other = listOf.putIfAbsent(cur, list);
            if (other != null) {
                sink.add(ProblemCode.KMALLOC_ZONE_MISPLACED, z.label, "on %s and on %s", other, list);
                return;
            }
            if (cls >= 0 && z.blocksz != 1L << cls) {
                sink.add(ProblemCode.KMALLOC_ZONE_MISPLACED, z.label, "blocks of %d bytes on %s", z.blocksz, list);
            }
            if (cls >= 0 && z.used >= z.blocks) {
                sink.add(ProblemCode.KMALLOC_ZONE_MISPLACED, z.label, "full (%d/%d) but on %s", z.used, z.blocks, list);
            }
            if (cls < 0 && z.used != z.blocks) {
                sink.add(ProblemCode.KMALLOC_ZONE_MISPLACED, z.label, "not full (%d/%d) but on %s", z.used, z.blocks,
                        list);
            }
            ZoneState nx = k.zones.get(z.next);
            if (nx == null) {
                sink.add(ProblemCode.KMALLOC_ZONE_LIST_CORRUPT, z.label, "next link on %s is not a zone", list);
                return;
            }
            if (nx.prev != cur) {
                sink.add(ProblemCode.KMALLOC_ZONE_LIST_CORRUPT, nx.label, "prev link on %s does not name %s", list,
                        z.label);
                return;
            }
            if (z.next == head) {
                return;
            }
            cur = z.next;
        }
        sink.add(ProblemCode.KMALLOC_ZONE_LIST_CORRUPT, list, "longer than the number of zones");
    }

    private static void counters(KmallocState k, Set<Long> listed, ProblemSink sink) {
        Set<Long> all = new HashSet<>(listed);
        if (k.tree != null) {
            all.addAll(k.tree);
        }
        long alloc = 0;
        long hdrFree = 0;
        for (long id : all) {
            ZoneState z = k.zones.get(id);
            if (z == null) {
                continue;
            }
            alloc += z.used * z.blocksz;
            if (z.blocksz == 1L << k.hdridx) {
                hdrFree += z.blocks - z.used;
            }
        }
        if (k.allocsz != alloc) {
            sink.add(ProblemCode.KMALLOC_ALLOCSZ_MISMATCH, "kmalloc_common.allocsz", "is %d, zones hold %d bytes in use",
                    k.allocsz, alloc);
        }
        if (k.hdrblocks != hdrFree) {
            sink.add(ProblemCode.KMALLOC_HDRBLOCKS_MISMATCH, "kmalloc_common.hdrblocks",
                    "is %d, header-class zones have %d free blocks", k.hdrblocks, hdrFree);
        }
    }
}
