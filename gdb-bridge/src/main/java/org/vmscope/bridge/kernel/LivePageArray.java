package org.vmscope.bridge.kernel;

import org.vmscope.bridge.dwarf.FieldLayout;
import org.vmscope.bridge.dwarf.TypeLayout;
import org.vmscope.model.check.PageArrayState;

/**
 * {@code pages_info} read whole (§3.1, §6): the sorted {@code page_t} array, the buddy list heads and the
 * counters, with every {@code page_t *} turned into an array index. The array is read in large chunks, one
 * pass; a pointer into the array converts to its frame address without further reads.
 */
final class LivePageArray {
    static final long MAX_PAGES = 1L << 24;
    private static final int CHUNK_PAGES = 4096;

    final long base;
    final long structSize;
    final PageArrayState state;

    private LivePageArray(long base, long structSize, PageArrayState state) {
        this.base = base;
        this.structSize = structSize;
        this.state = state;
    }

    /** Null (with a problem) when the array cannot be read at all. */
    static LivePageArray read(KernelDecoder d) throws KernelException {
        KernelGlobal g = d.image.global("pages_info", "vm/page.c");
        KStruct s = d.struct(g.type(), g.address(), "pages_info", "pages_info (vm/page.c)");
        TypeLayout pageT = d.image.type("page_t");
        long pageSize = d.image.pageSize();
        long total = s.u("totalsz");
        long count = Long.divideUnsigned(total, pageSize);
        long base = s.u("pages");
        if (Long.compareUnsigned(count, MAX_PAGES) > 0) {
            d.problem("pages_info: totalsz 0x" + Long.toHexString(total) + " means " + Long.toUnsignedString(count)
                    + " pages, over the cap of " + MAX_PAGES + "; page array not read");
            return null;
        }
        if (base == 0 && count > 0) {
            d.problem("pages_info.pages is NULL with " + count + " pages");
            return null;
        }
        int n = (int) count;
        long[] addr = new long[n];
        int[] idx = new int[n];
        int[] flags = new int[n];
        long[] nextPtr = new long[n];
        long[] prevPtr = new long[n];
        boolean hasPrev = pageT.field("prev").isPresent();
        for (int i = 0; i < n; i += CHUNK_PAGES) {
            int k = Math.min(CHUNK_PAGES, n - i);
            long at = base + i * pageT.size();
            byte[] data;
            try {
                data = d.mem.read(at, k * pageT.size());
            } catch (KernelReadException e) {
                d.problem("page array pages_info.pages[" + i + ".." + (i + k) + "): cannot read " + e.getMessage());
                return null;
            }
            for (int j = 0; j < k; j++) {
                KStruct p = KStruct.element(d.mem, pageT, at, data, j, "page_t");
                addr[i + j] = p.u("addr");
                idx[i + j] = (int) p.u("idx");
                flags[i + j] = (int) p.u("flags");
                nextPtr[i + j] = p.u("next");
                prevPtr[i + j] = hasPrev ? p.u("prev") : 0;
            }
        }
        LivePageArray shape = new LivePageArray(base, pageT.size(), null);
        int[] next = new int[n];
        int[] prev = hasPrev ? new int[n] : null;
        for (int i = 0; i < n; i++) {
            next[i] = shape.index(nextPtr[i], n);
            if (prev != null) {
                prev[i] = shape.index(prevPtr[i], n);
            }
        }
        FieldLayout sizes = g.field("sizes");
        int pb = d.image.pointerBytes();
        int lists = (int) (sizes.size() / pb);
        byte[] heads;
        try {
            heads = d.mem.read(g.address() + sizes.offset(), (long) lists * pb);
        } catch (KernelReadException e) {
            throw new KernelException("pages_info.sizes: " + e.getMessage(), e);
        }
        int[] headIdx = new int[lists];
        for (int o = 0; o < lists; o++) {
            headIdx[o] = shape.index(d.mem.decode(heads, o * pb, pb), n);
        }
        PageArrayState st = new PageArrayState(Long.numberOfTrailingZeros(pageSize), addr, idx, flags, next, prev,
                headIdx, total, s.u("allocsz"), s.u("bootsz"));
        return new LivePageArray(base, pageT.size(), st);
    }

    private int index(long ptr, int count) {
        return KernelDecoder.arrayIndex(ptr, base, count, structSize);
    }

    /** The array index of a {@code page_t *}: {@link PageArrayState#NIL} or {@link PageArrayState#BAD}. */
    int index(long ptr) {
        return index(ptr, state.count());
    }

    /** The frame address of a {@code page_t *}, or -1 for NULL or a pointer outside the array. */
    long frame(long ptr) {
        int i = index(ptr);
        return i >= 0 ? state.addr(i) : -1;
    }

    /** {@code idx} of a {@code page_t *}, or -1. */
    int order(long ptr) {
        int i = index(ptr);
        return i >= 0 ? state.idx(i) : -1;
    }
}
