package org.vmscope.ui.rows;

import java.util.List;

import org.vmscope.core.KernelHeap;

/** One kmalloc size class of the Kernel Heap view. */
public record SizeClassRow(KernelHeap.SizeClass sizeClass) implements Row {

    @Override
    public Object element() {
        return sizeClass;
    }

    @Override
    public List<Property> properties() {
        String c = "kmalloc class";
        KernelHeap.SizeClass s = sizeClass;
        long partial = s.zoneList().stream().filter(z -> z.used() > 0 && z.used() < z.blocks()).count();
        return List.of(new Property(c, "Class", Integer.toString(s.index())),
                new Property(c, "Block size", Format.size(s.blockSize())),
                new Property(c, "Zones", Integer.toString(s.zones())),
                new Property(c, "Partly used zones", Long.toString(partial)),
                new Property(c, "Used blocks", Long.toString(s.usedBlocks())),
                new Property(c, "Total blocks", Long.toString(s.totalBlocks())),
                new Property(c, "Fill", String.format("%.1f%%", 100 * s.usedFraction())));
    }
}
