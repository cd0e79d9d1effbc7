package org.vmscope.model.map;

import java.util.Arrays;

/**
 * The global {@code map_entry_t} pool of {@code map_common} (phoenix-vm.md §2.3): {@code ntotal} slots
 * sized once at boot, shared by every map, never grown. Free slots form a LIFO list; a slot number is the
 * entry's index in the kernel's {@code map_common.entries} array (its address is {@code entries + slot *
 * sizeof(map_entry_t)}). Slots never handed out yet follow the freed ones in index order, as the boot-time
 * list links them.
 */
public final class EntryPool {
    private final int total;
    private final int entrySize;
    private int[] freed = new int[16];
    private int freedCount;
    private int nextFresh;
    private int nfree;
    private java.util.function.BooleanSupplier failureHook;

    public EntryPool(int total, int entrySize) {
        if (total < 0 || entrySize <= 0) {
            throw new IllegalArgumentException("bad entry pool size");
        }
        this.total = total;
        this.entrySize = entrySize;
        this.nfree = total;
    }

    /** {@code map_alloc}: a slot number, or -1 when the pool is exhausted (the kernel then fails ENOMEM). */
    public int alloc() {
        int[] s = allocN(1);
        return s == null ? -1 : s[0];
    }

    /** {@code map_allocN}: n slots at once from the list head, or null when fewer than n are free. */
    public int[] allocN(int n) {
        if (n <= 0 || nfree < n) {
            return null;
        }
        if (failureHook != null && failureHook.getAsBoolean()) {
            return null; // injected exhaustion
        }
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = freedCount > 0 ? freed[--freedCount] : nextFresh++;
        }
        nfree -= n;
        return out;
    }

    /**
     * Failure injection for simulations: while {@code hook} answers true, {@link #alloc}/{@link #allocN} fail as
     * on an exhausted pool. Asked once per request that could be served; null removes it.
     */
    public void setFailureHook(java.util.function.BooleanSupplier hook) {
        this.failureHook = hook;
    }

    /** {@code map_free}: pushes the slot on the list head. */
    public void free(int slot) {
        if (slot < 0 || slot >= total) {
            return;
        }
        if (freedCount == freed.length) {
            freed = Arrays.copyOf(freed, freed.length * 2);
        }
        freed[freedCount++] = slot;
        nfree++;
    }

    /**
     * The free list as the kernel's {@code map_common.free} chain would link it, head first: freed slots in
     * LIFO order, then the never-used slots in index order. A copy; for checks and viewers.
     */
    public int[] freeChain() {
        int[] out = new int[nfree];
        int n = 0;
        for (int i = freedCount - 1; i >= 0 && n < out.length; i--) {
            out[n++] = freed[i];
        }
        for (int s = nextFresh; s < total && n < out.length; s++) {
            out[n++] = s;
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    /** {@code map_common.ntotal}. */
    public int total() {
        return total;
    }

    /** {@code map_common.nfree}. */
    public int free() {
        return nfree;
    }

    /** {@code sizeof(map_entry_t)}. */
    public int entrySize() {
        return entrySize;
    }

    /** {@code vm_mapGetStats}: bytes of entries in use. */
    public long usedBytes() {
        return (long) (total - nfree) * entrySize;
    }

    /** {@code sizeof(map_entry_t)} per architecture (§2.3; NOMMU Cortex-M derived with EABI alignment). */
    public static int entryStructSize(org.vmscope.model.Arch arch) {
        return switch (arch) {
            case IA32 -> 60;
            case ARMV7A, SPARCV8LEON -> 64;
            case AARCH64, RISCV64 -> 112;
            case ARMV7M, ARMV8M -> 72;
        };
    }
}
