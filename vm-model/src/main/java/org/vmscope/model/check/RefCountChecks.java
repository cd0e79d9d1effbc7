package org.vmscope.model.check;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reference counts against holders counted independently from the maps (§3.8 "Reference rules", §6):
 * an amap is referenced once per entry pointing at it; an anon once per entry whose slice covers a slot
 * holding it (fork twins share an amap and each hold their own reference); a file or contiguous object once
 * per entry. The kernel object's count is not checked: it is embedded, never freed, and merges of kernel
 * entries do not take references.
 *
 * <p>munmap drops anon references but leaves slot pointers behind (§3.5, §8.6): non-NULL slots outside every
 * entry's slice are reported as a warning, and they do not count as holders.
 */
final class RefCountChecks {
    private RefCountChecks() {
    }

    /** Holder counts computed from the maps. */
    static final class Holders {
        final Map<Long, Integer> amaps = new HashMap<>();
        final Map<Long, Integer> anons = new HashMap<>();
        final Map<Long, Integer> objects = new HashMap<>();
        /** Per amap: which slots some entry's slice covers. */
        final Map<Long, boolean[]> covered = new HashMap<>();
    }

    static Holders holders(List<MapState> maps, long pageSize, Map<Long, AmapState> amaps) {
        Holders h = new Holders();
        for (MapState m : maps) {
            for (EntryState e : m.inOrder()) {
                if (e.object != 0 && e.object != ObjectState.PHYSMEM) {
                    h.objects.merge(e.object, 1, Integer::sum);
                }
                if (e.amap == 0) {
                    continue;
                }
                h.amaps.merge(e.amap, 1, Integer::sum);
                AmapState a = amaps.get(e.amap);
                if (a == null) {
                    continue;
                }
                boolean[] cov = h.covered.computeIfAbsent(e.amap, k -> new boolean[a.slots.length]);
                long first = Long.divideUnsigned(e.aoffs, pageSize);
                long count = Long.divideUnsigned(e.size, pageSize);
                for (long i = first; i < first + count && i < a.slots.length; i++) {
                    cov[(int) i] = true;
                    long anon = a.slots[(int) i];
                    if (anon != 0) {
                        h.anons.merge(anon, 1, Integer::sum);
                    }
                }
            }
        }
        return h;
    }

    static void run(KernelState k, Holders h, ProblemSink sink) {
        for (AmapState a : k.amaps.values()) {
            int held = h.amaps.getOrDefault(a.id, 0);
            if (a.refs != held) {
                sink.add(ProblemCode.AMAP_REFS_MISMATCH, a.label, "refs %d, but %d entries point at it", a.refs, held);
            }
            dangling(a, h.covered.get(a.id), sink);
        }
        for (AnonState an : k.anons.values()) {
            int held = h.anons.getOrDefault(an.id, 0);
            if (an.refs != held) {
                sink.add(ProblemCode.ANON_REFS_MISMATCH, an.label, "refs %d, but %d live amap slots hold it", an.refs,
                        held);
            }
        }
        for (ObjectState o : k.objects.values()) {
            if (o.kind == ObjectState.Kind.KERNEL) {
                continue;
            }
            int held = h.objects.getOrDefault(o.id, 0);
            if (o.refs < held) {
                sink.add(ProblemCode.OBJECT_REFS_MISMATCH, o.label, "refs %d, but %d entries use it", o.refs, held);
            } else if (o.refs > held) {
                // A holder outside the maps exists only inside a call (the syscall's own reference), §3.4.
                sink.add(Severity.WARNING, ProblemCode.OBJECT_REFS_MISMATCH, o.label,
                        "refs %d, but %d entries use it (a transient holder, or a leak)", o.refs, held);
            }
        }
    }

    private static void dangling(AmapState a, boolean[] covered, ProblemSink sink) {
        int i = 0;
        while (i < a.slots.length) {
            if (a.slots[i] == 0 || (covered != null && covered[i])) {
                i++;
                continue;
            }
            int j = i;
            while (j < a.slots.length && a.slots[j] != 0 && (covered == null || !covered[j])) {
                j++;
            }
            String which = j - i == 1 ? "slot " + i : "slots " + i + "-" + (j - 1);
            sink.add(ProblemCode.AMAP_DANGLING_SLOT, a.label + " " + which,
                    "non-NULL but outside every entry's slice: left by munmap, cleared when _map_map reuses them");
            i = j;
        }
    }
}
