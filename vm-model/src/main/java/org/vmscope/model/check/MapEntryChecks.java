package org.vmscope.model.check;

import java.util.Map;

/**
 * Per-entry invariants (§2.3, §3.3-3.6): inside the map, page-multiple address, size and offsets, a non-zero
 * size, {@code prot} within {@code protOrig}, the back pointer naming the map, and the amap slice inside the
 * amap.
 */
final class MapEntryChecks {
    private static final long OFFS_MAX = -1L;

    private MapEntryChecks() {
    }

    static void run(MapState m, long pageSize, Map<Long, AmapState> amaps, ProblemSink sink) {
        long mask = pageSize - 1;
        for (EntryState e : m.inOrder()) {
            String s = m.subject(e);
            long end = e.vaddr + e.size;
            if (Long.compareUnsigned(e.vaddr, m.start) < 0 || Long.compareUnsigned(end, m.stop) > 0
                    || Long.compareUnsigned(end, e.vaddr) < 0) {
                sink.add(ProblemCode.MAP_ENTRY_OUTSIDE_MAP, s, "outside the map's [0x%x, 0x%x)", m.start, m.stop);
            }
            if ((e.vaddr & mask) != 0 || (e.size & mask) != 0 || e.size == 0 || (e.aoffs & mask) != 0
                    || (e.offs != OFFS_MAX && (e.offs & mask) != 0)) {
                sink.add(ProblemCode.MAP_ENTRY_UNALIGNED, s, "vaddr 0x%x size 0x%x aoffs 0x%x offs 0x%x: not page"
                        + " multiples (or size 0)", e.vaddr, e.size, e.aoffs, e.offs);
            }
            if ((e.prot & ~e.protOrig) != 0) {
                sink.add(ProblemCode.MAP_ENTRY_PROT_EXCEEDS_ORIG, s, "prot 0x%x has rights protOrig 0x%x lacks", e.prot,
                        e.protOrig);
            }
            if (e.map != m.id) {
                sink.add(ProblemCode.MAP_ENTRY_BAD_BACKPOINTER, s, "map back pointer is 0x%x, the tree is map 0x%x",
                        e.map, m.id);
            }
            AmapState a = e.amap == 0 ? null : amaps.get(e.amap);
            if (a != null && Long.compareUnsigned(e.aoffs + e.size, (long) a.slots.length * pageSize) > 0) {
                sink.add(ProblemCode.MAP_ENTRY_AMAP_RANGE, s, "slice [0x%x, 0x%x) of %s runs past its %d slots",
                        e.aoffs, e.aoffs + e.size, a.label, a.slots.length);
            }
        }
    }
}
