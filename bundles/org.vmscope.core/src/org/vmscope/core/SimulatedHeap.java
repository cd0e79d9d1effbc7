package org.vmscope.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.vmscope.model.kmalloc.Kmalloc;
import org.vmscope.model.map.EntryPool;
import org.vmscope.model.zone.VmZone;

/** Reads kmalloc's class lists and the entry pool of a simulated kernel into a {@link KernelHeap}. */
final class SimulatedHeap {
    /** kmalloc has 24 classes; more links than this on one list means the list is corrupt. */
    private static final int MAX_CLASSES = 64;
    private static final int MAX_ZONES_PER_LIST = 1 << 20;

    private SimulatedHeap() {
    }

    static KernelHeap read(Kmalloc kmalloc, EntryPool pool) {
        long entriesTotal = pool == null ? 0 : pool.total();
        long entriesUsed = pool == null ? 0 : pool.total() - pool.free();
        if (kmalloc == null) {
            return new KernelHeap(List.of(), 0, entriesUsed, entriesTotal);
        }
        java.util.SortedMap<Integer, List<KernelHeap.Zone>> byClass = new TreeMap<>();
        for (int idx = 0; idx < MAX_CLASSES; idx++) {
            addList(kmalloc.sizes(idx), byClass);
        }
        addList(kmalloc.used(), byClass);
        return KernelHeap.ofZones(byClass, kmalloc.allocBytes(), entriesUsed, entriesTotal);
    }

    /** Adds the zones of one circular list, grouped by their block size's class. */
    private static void addList(VmZone head, Map<Integer, List<KernelHeap.Zone>> byClass) {
        VmZone z = head;
        for (int n = 0; z != null && n < MAX_ZONES_PER_LIST; n++) {
            int idx = 63 - Long.numberOfLeadingZeros(z.blocksz());
            byClass.computeIfAbsent(idx, k -> new ArrayList<>())
                    .add(new KernelHeap.Zone(z.vaddr(), z.blocksz(), z.used(), z.blocks()));
            z = z.next();
            if (z == head) {
                break;
            }
        }
    }
}
