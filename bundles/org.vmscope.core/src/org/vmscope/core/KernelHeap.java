package org.vmscope.core;

import java.util.List;

/**
 * kmalloc's size classes and the map-entry pool, for the Kernel Heap view.
 *
 * @param allocBytes   bytes kmalloc handed out (vm_kmallocGetStats)
 * @param entriesUsed  map entries in use out of {@code entriesTotal} (map_common's pool)
 */
public record KernelHeap(List<SizeClass> classes, long allocBytes, long entriesUsed, long entriesTotal) {

    public KernelHeap {
        classes = List.copyOf(classes);
    }

    /** The classes of zones grouped by class index (log2 of the block size), each with its fill summed. */
    static KernelHeap ofZones(java.util.SortedMap<Integer, List<Zone>> byClass, long allocBytes, long entriesUsed,
            long entriesTotal) {
        List<SizeClass> classes = new java.util.ArrayList<>();
        for (java.util.Map.Entry<Integer, List<Zone>> e : byClass.entrySet()) {
            long used = 0;
            long total = 0;
            for (Zone z : e.getValue()) {
                used += z.used();
                total += z.blocks();
            }
            classes.add(new SizeClass(e.getKey(), 1L << e.getKey(), e.getValue().size(), used, total, e.getValue()));
        }
        return new KernelHeap(classes, allocBytes, entriesUsed, entriesTotal);
    }

    /** One kmalloc class: blocks of {@code blockSize} bytes in {@code zones} zones. */
    public record SizeClass(int index, long blockSize, int zones, long usedBlocks, long totalBlocks, List<Zone> zoneList) {

        public SizeClass {
            zoneList = List.copyOf(zoneList);
        }

        public double usedFraction() {
            return totalBlocks == 0 ? 0 : (double) usedBlocks / totalBlocks;
        }
    }

    /** One zone: its first block's address and its fill. */
    public record Zone(long vaddr, long blockSize, int used, int blocks) {
    }
}
