package org.vmscope.model.pmap;

import java.util.List;
import org.vmscope.model.phys.MemoryAccessException;
import org.vmscope.model.phys.SimPhysicalMemory;

/**
 * sparcv8leon MMU pmap (hal/sparcv8leon/pmap.c), SRMMU. Each pmap has a 256-entry L1; L2 and L3 tables are
 * 256 bytes but each gets a whole frame. A pmap gets a context on its first {@link #switchTo()}; when the
 * 255 private contexts run out it shares {@link #CONTEXT_SHARED}. Kernel quirks kept: a missing L2 table
 * returns -ENOMEM (a missing L3 -EFAULT); a leaf without PGHD_PRESENT keeps its bits with ET = 0;
 * {@code pmap_create} copies only 64 bytes (16 entries, 0xC0000000-0xCFFFFFFF) of the kernel L1.
 */
public final class SrmmuPmap extends TablePmap {
    public static final long VADDR_KERNEL = 0xC0000000L;
    public static final long VADDR_USR_MAX = 0x80000000L;
    public static final int CONTEXT_INVALID = -1;
    public static final int CONTEXT_SHARED = 255;
    public static final int MAX_CONTEXTS = 256;
    /** The kernel L1 index Phoenix copies from, and how many entries its 64-byte memcpy covers. */
    public static final int KERNEL_L1_FIRST = 192;
    public static final int KERNEL_L1_COPIED = 16;
    private static final long L1_BYTES = 256 * 4;

    /** The context table and its allocator, shared by all pmaps of one kernel. */
    private static final class Contexts {
        final long tablePa;
        final boolean[] used = new boolean[MAX_CONTEXTS];

        Contexts(long tablePa) {
            this.tablePa = tablePa;
            used[CONTEXT_SHARED] = true; // reserved as the shared context
        }

        int alloc() {
            for (int i = 0; i < CONTEXT_SHARED; i++) {
                if (!used[i]) {
                    used[i] = true;
                    return i;
                }
            }
            return CONTEXT_SHARED;
        }

        boolean anyFree() {
            for (int i = 0; i < CONTEXT_SHARED; i++) {
                if (!used[i]) {
                    return true;
                }
            }
            return false;
        }
    }

    private final Contexts contexts;
    private final boolean kernel;
    private int context = CONTEXT_INVALID;

    private SrmmuPmap(SimPhysicalMemory mem, long pdir1Pa, Contexts contexts, boolean kernel) {
        super(mem, SrmmuFormat.l1Rooted(), pdir1Pa);
        this.contexts = contexts;
        this.kernel = kernel;
    }

    /**
     * The kernel pmap: zeroes the 1 KiB context table and the 1 KiB L1, takes context 0 and points
     * {@code ctxTable[0]} at the L1 (as {@code _pmap_init} does).
     */
    public static SrmmuPmap kernel(SimPhysicalMemory mem, long ctxTablePa, long pdir1Pa) {
        checkBlock(mem, ctxTablePa, L1_BYTES);
        checkBlock(mem, pdir1Pa, L1_BYTES);
        zeroFrame(mem, ctxTablePa, L1_BYTES);
        zeroFrame(mem, pdir1Pa, L1_BYTES);
        SrmmuPmap p = new SrmmuPmap(mem, pdir1Pa, new Contexts(ctxTablePa), true);
        p.switchTo();
        return p;
    }

    /** {@code pmap_create}: zeroes the user L1 and copies kernel L1 entries 192..207. */
    public static SrmmuPmap create(SimPhysicalMemory mem, SrmmuPmap kpmap, long pdir1Pa) {
        checkBlock(mem, pdir1Pa, L1_BYTES);
        zeroFrame(mem, pdir1Pa, L1_BYTES);
        SrmmuPmap p = new SrmmuPmap(mem, pdir1Pa, kpmap.contexts, false);
        try {
            for (int i = KERNEL_L1_FIRST; i < KERNEL_L1_FIRST + KERNEL_L1_COPIED; i++) {
                p.writeEntry(pdir1Pa, i, kpmap.readEntry(kpmap.rootPa, i));
            }
        } catch (MemoryAccessException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return p;
    }

    private static void checkBlock(SimPhysicalMemory mem, long pa, long size) {
        if ((pa & (size - 1)) != 0 || !mem.isRam(pa, size)) {
            throw new IllegalArgumentException(String.format("table 0x%x is not a RAM block of 0x%x", pa, size));
        }
    }

    public boolean isKernel() {
        return kernel;
    }

    /** The SRMMU context, or {@link #CONTEXT_INVALID} before the first switch. */
    public int context() {
        return context;
    }

    public long contextTable() {
        return contexts.tablePa;
    }

    /**
     * {@code pmap_switch}: allocates a context when the pmap has none (or sits in the shared one while a
     * private one is free) and writes {@code ctxTable[context] = PTD(L1)}.
     */
    public void switchTo() {
        if (context == CONTEXT_INVALID || (context == CONTEXT_SHARED && contexts.anyFree())) {
            context = contexts.alloc();
        }
        try {
            writeEntry(contexts.tablePa, context, SrmmuFormat.contextRooted().encodeTable(rootPa, 0));
        } catch (MemoryAccessException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** {@code root()} is the L1 table ({@code pmap.addr}); walks start at the context slot once there is one. */
    @Override
    public List<PagingRoot> walkRoots() {
        if (context == CONTEXT_INVALID) {
            return List.of(new PagingRoot(format, rootPa));
        }
        return List.of(SrmmuFormat.contextRoot(contexts.tablePa, context));
    }

    @Override
    protected int missingTable(int level) {
        return level == 0 ? ENOMEM : NEEDS_TABLE;
    }

    /** Frames of the L2 and L3 tables under the user L1 entries below the kernel, leaves first; frees the context. */
    @Override
    public List<Long> destroy() {
        if (kernel) {
            return List.of();
        }
        List<Long> out = tablesBelow(0, KERNEL_L1_FIRST);
        if (context != CONTEXT_INVALID && context != CONTEXT_SHARED) {
            contexts.used[context] = false;
        }
        context = CONTEXT_INVALID;
        return out;
    }
}
