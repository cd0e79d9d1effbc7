package org.vmscope.model.pmap;

import java.util.ArrayList;
import java.util.List;
import org.vmscope.model.phys.MemoryAccessException;
import org.vmscope.model.phys.SimPhysicalMemory;

/**
 * ia32 pmap (hal/ia32/pmap.c): one page directory per address space; kernel PDEs 768..1022 are copied
 * into every user directory at creation and stay shared because the kernel preallocates its tables.
 * Kernel quirks kept: {@code pmap_enter} always ORs PRESENT, and {@code pmap_remove} stops at the first
 * page whose PDE is zero (its {@code continue} does not advance the VA).
 */
public final class Ia32Pmap extends TablePmap {
    public static final long VADDR_KERNEL = 0xC0000000L;
    /** First and last (inclusive) kernel PDE copied by {@code pmap_create}. */
    public static final int KERNEL_PDE_FIRST = 768;
    public static final int KERNEL_PDE_LAST = 1022;

    private final boolean kernel;

    private Ia32Pmap(SimPhysicalMemory mem, long pdirPa, boolean kernel) {
        super(mem, Ia32Format.standard(), pdirPa);
        this.kernel = kernel;
    }

    /** The kernel pmap over a zero-filled page directory at {@code pdirPa}. */
    public static Ia32Pmap kernel(SimPhysicalMemory mem, long pdirPa) {
        checkFrame(mem, pdirPa);
        zeroFrame(mem, pdirPa, PAGE);
        return new Ia32Pmap(mem, pdirPa, true);
    }

    /** {@code pmap_create}: zeroes the directory at {@code pdirPa} and copies kernel PDEs 768..1022. */
    public static Ia32Pmap create(SimPhysicalMemory mem, Ia32Pmap kpmap, long pdirPa) {
        checkFrame(mem, pdirPa);
        zeroFrame(mem, pdirPa, PAGE);
        Ia32Pmap p = new Ia32Pmap(mem, pdirPa, false);
        try {
            for (int i = KERNEL_PDE_FIRST; i <= KERNEL_PDE_LAST; i++) {
                p.writeEntry(pdirPa, i, kpmap.readEntry(kpmap.rootPa, i));
            }
        } catch (MemoryAccessException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return p;
    }

    private static void checkFrame(SimPhysicalMemory mem, long pa) {
        if ((pa & (PAGE - 1)) != 0 || !mem.isRam(pa, PAGE)) {
            throw new IllegalArgumentException(String.format("page directory 0x%x is not a RAM frame", pa));
        }
    }

    public boolean isKernel() {
        return kernel;
    }

    /** CR3 for this pmap. */
    public long cr3() {
        return rootPa;
    }

    @Override
    public List<PagingRoot> walkRoots() {
        return List.of(new PagingRoot(format, rootPa));
    }

    @Override
    protected long leafEntry(long pa, long va, int attr) {
        return super.leafEntry(pa, va, attr | PageAttr.PRESENT);
    }

    /** The kernel's loop: {@code count} pages, a zero PDE ends the useful work (VA no longer advances). */
    @Override
    public void remove(long vstart, long vend) {
        long count = ((vend - vstart) & 0xFFFFFFFFL) / PAGE;
        long va = vstart & 0xFFFFF000L;
        try {
            for (long i = 0; i < count; i++) {
                long pde = readEntry(rootPa, (int) (va >>> 22));
                if (pde == 0) {
                    return; // every further iteration re-tests this same zero PDE
                }
                writeEntry(pde & 0xFFFFF000L, (int) ((va >>> 12) & 0x3ff), 0);
                va = (va + PAGE) & 0xFFFFFFFFL;
            }
        } catch (MemoryAccessException e) {
            // A PDE pointing outside RAM: stop.
        }
    }

    /** {@code pmap_resolve} as the kernel returns it: the raw PTE (address and flags), 0 without a PDE. */
    public long resolveRaw(long va) {
        va &= 0xFFFFFFFFL;
        try {
            long pde = readEntry(rootPa, (int) (va >>> 22));
            if (pde == 0) {
                return 0;
            }
            return readEntry(pde & 0xFFFFF000L, (int) ((va >>> 12) & 0x3ff));
        } catch (MemoryAccessException e) {
            return 0;
        }
    }

    @Override
    public long resolve(long va) {
        return resolveRaw(va) & 0xFFFFF000L;
    }

    /** Frames of the page tables below the kernel index (PDEs 0..767), nothing cleared. */
    @Override
    public List<Long> destroy() {
        List<Long> out = new ArrayList<>();
        try {
            for (int i = 0; i < KERNEL_PDE_FIRST; i++) {
                long pde = readEntry(rootPa, i);
                if (pde != 0) {
                    out.add(pde & 0xFFFFF000L);
                }
            }
        } catch (MemoryAccessException e) {
            // nothing more
        }
        return out;
    }
}
