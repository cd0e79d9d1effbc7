package org.vmscope.bench;

import java.lang.ref.Reference;
import java.util.Arrays;

import org.vmscope.model.kernel.SimKernel;

/**
 * Java heap a booted simulated target keeps per simulated page, measured without JOL: full GCs until the
 * used heap settles, boot, GCs again, and take the growth of {@code Runtime} used memory while the kernel is
 * still reachable; the median of several repetitions. The small target's figure is subtracted to get the
 * marginal cost of a page (what grows with RAM), and compared with the page_t arrays' own arithmetic.
 */
final class HeapPerPage {
    /** Bytes per page_t slot in {@code PageAllocator}: long addr + byte idx + short flags + int next + int prev. */
    static final int ARRAY_BYTES_PER_PAGE = 8 + 1 + 2 + 4 + 4;

    record Measure(Target target, int pages, long retainedBytes) {
        double perPage() {
            return (double) retainedBytes / pages;
        }
    }

    record Result(Measure small, Measure large, int repetitions) {
        /** Heap growth per extra page between the small and the large target. */
        double marginalPerPage() {
            return (double) (large.retainedBytes - small.retainedBytes) / (large.pages - small.pages);
        }
    }

    private HeapPerPage() {
    }

    static Result measure(Target small, Target large, int repetitions) {
        return new Result(retained(small, repetitions), retained(large, repetitions), repetitions);
    }

    /** Median heap growth of {@code repetitions} boots of {@code t}, each measured with the kernel reachable. */
    static Measure retained(Target t, int repetitions) {
        long[] deltas = new long[repetitions];
        int pages = 0;
        for (int i = 0; i < repetitions; i++) {
            long before = settledUsed();
            SimKernel k = t.boot();
            long after = settledUsed();
            pages = k.pages().pageCount();
            Reference.reachabilityFence(k);
            deltas[i] = after - before;
        }
        Arrays.sort(deltas);
        return new Measure(t, pages, deltas[repetitions / 2]);
    }

    /** Used heap after full GCs, once two readings in a row agree within 64 KiB (at most 10 rounds). */
    private static long settledUsed() {
        Runtime rt = Runtime.getRuntime();
        long last = Long.MAX_VALUE;
        for (int round = 0; round < 10; round++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            long used = rt.totalMemory() - rt.freeMemory();
            if (Math.abs(used - last) < 64 * 1024) {
                return used;
            }
            last = used;
        }
        return last;
    }
}
