package org.vmscope.model.pmap;

import java.util.List;
import org.vmscope.model.phys.MemoryAccessException;
import org.vmscope.model.phys.SimPhysicalMemory;

/**
 * aarch64 pmap (hal/aarch64/pmap.c). User pmaps own a TTBR0 ttl1 (39-bit VA, three levels); the kernel
 * lives behind TTBR1 (T1SZ=34, 1 GiB at 0xFFFFFFFFC0000000 from ttl2), so {@code pmap_create} copies
 * nothing. The kernel pmap keeps a software {@code kernel_ttl1} whose entry 511 points at
 * {@code kernel_ttl2}, so the same three-level code serves it. Leaves without PGHD_PRESENT are written as
 * 0; user VAs get nG; an existing block where a table is needed fails with -EINVAL.
 */
public final class Aarch64Pmap extends TablePmap {
    public static final long VADDR_USR_MAX = 0x0000008000000000L;
    public static final long VADDR_KERNEL = 0xFFFFFFFFC0000000L;

    private final boolean kernel;
    private final long kernelTtl2;

    private Aarch64Pmap(SimPhysicalMemory mem, Aarch64Format f, long ttl1, boolean kernel, long kernelTtl2) {
        super(mem, f, ttl1);
        this.kernel = kernel;
        this.kernelTtl2 = kernelTtl2;
    }

    /** The kernel pmap: zeroes {@code ttl1Pa} and {@code ttl2Pa} and links ttl1[511] → ttl2. */
    public static Aarch64Pmap kernel(SimPhysicalMemory mem, long ttl1Pa, long ttl2Pa) {
        checkFrame(mem, ttl1Pa);
        checkFrame(mem, ttl2Pa);
        zeroFrame(mem, ttl1Pa, PAGE);
        zeroFrame(mem, ttl2Pa, PAGE);
        Aarch64Format f = Aarch64Format.phoenixKernelSoftware();
        Aarch64Pmap p = new Aarch64Pmap(mem, f, ttl1Pa, true, ttl2Pa);
        try {
            p.writeEntry(ttl1Pa, 511, f.encodeTable(ttl2Pa, 0));
        } catch (MemoryAccessException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return p;
    }

    /** {@code pmap_create}: a zeroed user ttl1 at {@code ttl1Pa}. */
    public static Aarch64Pmap create(SimPhysicalMemory mem, Aarch64Pmap kpmap, long ttl1Pa) {
        checkFrame(mem, ttl1Pa);
        zeroFrame(mem, ttl1Pa, PAGE);
        return new Aarch64Pmap(mem, Aarch64Format.phoenixUser(), ttl1Pa, false, kpmap.kernelTtl2);
    }

    private static void checkFrame(SimPhysicalMemory mem, long pa) {
        if ((pa & (PAGE - 1)) != 0 || !mem.isRam(pa, PAGE)) {
            throw new IllegalArgumentException(String.format("table 0x%x is not a RAM frame", pa));
        }
    }

    public boolean isKernel() {
        return kernel;
    }

    /** TTBR0_EL1 value for this pmap with ASID {@code asid}. */
    public long ttbr0(int asid) {
        return rootPa | ((long) (asid & 0xffff) << 48);
    }

    /** The root the hardware walks for kernel VAs: TTBR1 → kernel_ttl2 with a 30-bit VA. */
    public PagingRoot hardwareKernelRoot() {
        return new PagingRoot(Aarch64Format.phoenixKernelTtbr1(), kernelTtl2);
    }

    @Override
    public List<PagingRoot> walkRoots() {
        return List.of(new PagingRoot(format, rootPa));
    }

    @Override
    protected long leafEntry(long pa, long va, int attr) {
        long d = super.leafEntry(pa, va, attr);
        if (d != 0 && Long.compareUnsigned(va, VADDR_USR_MAX) < 0) {
            d |= Aarch64Format.NG;
        }
        return d;
    }

    /** User pmaps: every ttl2/ttl3 frame, ttl3s before their ttl2. */
    @Override
    public List<Long> destroy() {
        return kernel ? List.of() : tablesBelow(0, format.geometry().entries(0));
    }
}
