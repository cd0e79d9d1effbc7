package org.vmscope.model.check;

import java.util.Arrays;

import org.vmscope.model.kernel.SimKernel;
import org.vmscope.model.page.PageAllocator;

/**
 * The frames allocated when boot finished. Boot allocates page tables and heap pages that no structure
 * remembers afterwards (the kernel never frees them); capturing this set right after
 * {@link SimKernel#boot} lets the ownership check attribute them, so a page table leaked later still shows.
 */
public final class BootBaseline {
    private final long[] frames;

    private BootBaseline(long[] frames) {
        this.frames = frames;
    }

    /** Call right after boot, before any operation. */
    public static BootBaseline capture(SimKernel k) {
        PageAllocator pa = k.pages();
        if (pa == null) {
            return new BootBaseline(new long[0]);
        }
        long[] out = new long[pa.pageCount()];
        int n = 0;
        for (int i = 0; i < pa.pageCount(); i++) {
            if (!pa.pageAt(i).isFree()) {
                out[n++] = pa.pageAt(i).addr();
            }
        }
        return new BootBaseline(Arrays.copyOf(out, n));
    }

    /** A baseline of the given frame addresses (e.g. decoded from a target's boot log). */
    public static BootBaseline of(long... frames) {
        return new BootBaseline(frames.clone());
    }

    /** The frame addresses, ascending as captured. */
    public long[] frames() {
        return frames.clone();
    }

    int size() {
        return frames.length;
    }

    long frame(int i) {
        return frames[i];
    }
}
