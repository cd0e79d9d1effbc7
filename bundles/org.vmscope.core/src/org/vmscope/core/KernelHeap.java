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
