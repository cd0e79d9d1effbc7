package org.vmscope.model.map;

import org.vmscope.model.Arch;
import org.vmscope.model.object.VmObject;
import org.vmscope.model.page.PageAllocator;
import org.vmscope.model.phys.SimPhysicalMemory;

/**
 * What every map of one kernel shares: the entry pool, the page allocator, physical memory and the kernel
 * object, plus the build-time choices the mapper depends on.
 *
 * @param lazy          {@code process->lazy}: 1 on NOMMU (mmap only reserves), 0 on MMU (populate eagerly)
 * @param amapMinSlots  {@code (512 - sizeof(amap_t)) / sizeof(anon_t *)}, the minimum amap slot count
 * @param current       {@code proc_current()->process}, set by the process layer around system calls
 */
public record VmContext(Arch arch, EntryPool pool, PageAllocator pages, SimPhysicalMemory phys,
        VmObject kernelObject, boolean lazy, int amapMinSlots, CurrentProcess current) {

    /**
     * Defaults for {@code arch}. {@code sizeof(amap_t)} depends on the kernel's {@code lock_t}; it is taken as
     * 48 bytes on 32-bit and 96 on 64-bit targets (an estimate), giving 116 and 52 slots.
     */
    public static VmContext of(Arch arch, EntryPool pool, PageAllocator pages, SimPhysicalMemory phys,
            VmObject kernelObject) {
        int ptr = arch.pointerBytes();
        int minSlots = (512 - (ptr == 4 ? 48 : 96)) / ptr;
        return new VmContext(arch, pool, pages, phys, kernelObject, !arch.hasMmu(), minSlots, new CurrentProcess());
    }

    public long pageSize() {
        return arch.pageSize();
    }
}
