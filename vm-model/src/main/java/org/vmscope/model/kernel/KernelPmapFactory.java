package org.vmscope.model.kernel;

import org.vmscope.model.phys.SimPhysicalMemory;
import org.vmscope.model.pmap.Pmap;

/** Builds the kernel pmap at the end of boot from what boot mapped; null means "use a {@link SoftPmap}". */
@FunctionalInterface
public interface KernelPmapFactory {
    Pmap create(SimPhysicalMemory phys, BootMappings boot);
}
