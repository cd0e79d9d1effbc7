package org.vmscope.model.pmap;

import java.util.List;
import org.vmscope.model.phys.MemoryAccessException;
import org.vmscope.model.phys.SimPhysicalMemory;

/**
 * riscv64 pmap (hal/riscv64/pmap.c). Kernel and user share the low half: {@code pmap_create} copies the
 * kernel's top-level entries for {@code [start, end)} (rounded to the top-level span) and entry 511
 * (the DTB window at 0xFFFFFFFFC0000000). Kernel quirk kept: V is set on every leaf even without
 * PGHD_PRESENT, with A and D preset.
 * <p>
 * Sv48 (what real QEMU builds run): one top-level entry spans 512 GiB, so the kernel range shares entry 0
 * with user space. Copying it would alias the user's tables with the kernel's; this model copies only
 * top-level entries that lie wholly at or above {@link #VADDR_USR_MAX} and reports the rest through
 * {@link #kernelShared()} (inference: the source documents Sv39 only).
 */
public final class RiscvPmap extends TablePmap {
    public static final long VADDR_KERNEL = 0x3FC0000000L;
    public static final long VADDR_USR_MAX = 0x3FC0000000L;

    private final RiscvPmap kpmap;
    private long start;
    private long end;
    private boolean kernelShared = true;

    private RiscvPmap(SimPhysicalMemory mem, RiscvFormat f, long pdirPa, RiscvPmap kpmap) {
        super(mem, f, pdirPa);
        this.kpmap = kpmap;
    }

    /** The kernel pmap over a zeroed top table; {@code start..end} = VADDR_KERNEL + one top-level span. */
    public static RiscvPmap kernel(SimPhysicalMemory mem, RiscvFormat f, long pdirPa) {
        checkFrame(mem, pdirPa);
        zeroFrame(mem, pdirPa, PAGE);
        RiscvPmap p = new RiscvPmap(mem, f, pdirPa, null);
        p.start = VADDR_KERNEL;
        p.end = VADDR_KERNEL + f.geometry().span(0);
        return p;
    }

    /** {@code pmap_create}: zeroes the top table and copies the kernel part. */
    public static RiscvPmap create(SimPhysicalMemory mem, RiscvPmap kpmap, long pdirPa) {
        checkFrame(mem, pdirPa);
        zeroFrame(mem, pdirPa, PAGE);
        RiscvPmap p = new RiscvPmap(mem, (RiscvFormat) kpmap.format, pdirPa, kpmap);
        PagingGeometry g = p.format.geometry();
        long span = g.span(0);
        long from = kpmap.start & ~(span - 1);
        long to = (kpmap.end + span - 1) & ~(span - 1);
        try {
            for (long va = from; Long.compareUnsigned(va, to) < 0; va += span) {
                int i = g.index(va, 0);
                if (Long.compareUnsigned(va, VADDR_USR_MAX) < 0) {
                    p.kernelShared = false; // would alias user space (Sv48+)
                    continue;
                }
                p.writeEntry(pdirPa, i, kpmap.readEntry(kpmap.rootPa, i));
            }
            p.writeEntry(pdirPa, 511, kpmap.readEntry(kpmap.rootPa, 511));
        } catch (MemoryAccessException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        p.start = 0;
        p.end = VADDR_USR_MAX;
        return p;
    }

    private static void checkFrame(SimPhysicalMemory mem, long pa) {
        if ((pa & (PAGE - 1)) != 0 || !mem.isRam(pa, PAGE)) {
            throw new IllegalArgumentException(String.format("top table 0x%x is not a RAM frame", pa));
        }
    }

    /** {@code _pmap_kernelSpaceExpand}'s {@code kpmap.end}: later {@code pmap_create}s copy up to it. */
    public void setEnd(long end) {
        this.end = end;
    }

    public long start() {
        return start;
    }

    public long end() {
        return end;
    }

    public boolean isKernel() {
        return kpmap == null;
    }

    /** Whether every kernel top-level entry could be copied into this user pmap. */
    public boolean kernelShared() {
        return kernelShared;
    }

    /** {@code pmap.satp}: the mode and the top table's PPN (ASID unused). */
    public long satp() {
        return ((RiscvFormat) format).satp(rootPa);
    }

    @Override
    public List<PagingRoot> walkRoots() {
        return List.of(new PagingRoot(format, rootPa));
    }

    @Override
    protected long leafEntry(long pa, long va, int attr) {
        return super.leafEntry(pa, va, attr | PageAttr.PRESENT);
    }

    /** Table frames reachable from the user's top-level entries below the kernel's, leaves first. */
    @Override
    public List<Long> destroy() {
        if (isKernel()) {
            return List.of();
        }
        PagingGeometry g = format.geometry();
        int kernelIndex = g.index(VADDR_KERNEL, 0);
        return tablesBelow(0, kernelShared ? kernelIndex : Math.min(kernelIndex + 1, g.entries(0) - 1));
    }
}
