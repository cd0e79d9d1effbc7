package org.vmscope.model.check;

import org.vmscope.model.page.Page;
import org.vmscope.model.page.PageAllocator;

/**
 * {@code pages_info} as checks see it (§3.1): the page array (one slot per {@code page_t}, sorted by address)
 * with list links as array indices, the buddy list heads and the counters. A mirror fills it from target
 * memory, converting each {@code page_t *} to an index ({@link #NIL} for NULL, {@link #BAD} for a pointer
 * that is not a {@code page_t} of the array).
 *
 * <p>Arrays are held as given (no copy); fields are package-private so tests can corrupt one value.
 */
public final class PageArrayState {
    /** A NULL link. */
    public static final int NIL = -1;
    /** A link that does not point at a page_t of the array. */
    public static final int BAD = -2;

    final int pageShift;
    final long[] addr;
    final int[] idx;
    final int[] flags;
    final int[] next;
    /** Null on architectures whose page_t has no prev (never an MMU target). */
    final int[] prev;
    final int[] heads;
    long totalsz;
    long allocsz;
    long bootsz;

    /**
     * @param heads {@code sizes[]}: head index per list ({@code SIZE_VM_SIZES} entries), NIL when empty
     * @param prev  may be null when page_t has no prev link
     */
    public PageArrayState(int pageShift, long[] addr, int[] idx, int[] flags, int[] next, int[] prev, int[] heads,
            long totalsz, long allocsz, long bootsz) {
        int n = addr.length;
        if (idx.length != n || flags.length != n || next.length != n || (prev != null && prev.length != n)) {
            throw new IllegalArgumentException("page array columns differ in length");
        }
        if (pageShift < 1 || pageShift > 30) {
            throw new IllegalArgumentException("bad page shift " + pageShift);
        }
        this.pageShift = pageShift;
        this.addr = addr;
        this.idx = idx;
        this.flags = flags;
        this.next = next;
        this.prev = prev;
        this.heads = heads;
        this.totalsz = totalsz;
        this.allocsz = allocsz;
        this.bootsz = bootsz;
    }

    /** A snapshot of the model's allocator. */
    public static PageArrayState of(PageAllocator pa) {
        int n = pa.pageCount();
        long[] addr = new long[n];
        int[] idx = new int[n];
        int[] flags = new int[n];
        int[] next = new int[n];
        int[] prev = new int[n];
        for (int i = 0; i < n; i++) {
            Page p = pa.pageAt(i);
            addr[i] = p.addr();
            idx[i] = p.idx();
            flags[i] = p.flags();
            Page nx = p.next();
            Page pv = p.prev();
            next[i] = nx == null ? NIL : nx.index();
            prev[i] = pv == null ? NIL : pv.index();
        }
        int[] heads = new int[pa.listCount()];
        for (int o = 0; o < heads.length; o++) {
            Page h = pa.listHead(o);
            heads[o] = h == null ? NIL : h.index();
        }
        return new PageArrayState(pa.pageShift(), addr, idx, flags, next, prev, heads, pa.totalBytes(),
                pa.allocBytes(), pa.bootBytes());
    }

    public int count() {
        return addr.length;
    }

    public int pageShift() {
        return pageShift;
    }

    public long pageSize() {
        return 1L << pageShift;
    }

    public int listCount() {
        return heads.length;
    }

    /** Head index of buddy list {@code order}: {@link #NIL} when empty. */
    public int heads(int order) {
        return heads[order];
    }

    /** The {@code next} link of page {@code i} as an index ({@link #NIL}, {@link #BAD}). */
    public int next(int i) {
        return next[i];
    }

    public long addr(int i) {
        return addr[i];
    }

    public int idx(int i) {
        return idx[i];
    }

    public int flags(int i) {
        return flags[i];
    }

    public long totalBytes() {
        return totalsz;
    }

    public long allocBytes() {
        return allocsz;
    }

    public long bootBytes() {
        return bootsz;
    }

    /** Whether the page at index {@code i} has PAGE_FREE. */
    public boolean isFree(int i) {
        return (flags[i] & 1) != 0;
    }

    /** {@code page_get}: the index of the page_t describing {@code pa}, or -1 (binary search). */
    public int indexOf(long pa) {
        long key = pa & ~(pageSize() - 1);
        int lo = 0;
        int hi = addr.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = Long.compareUnsigned(addr[mid], key);
            if (c == 0) {
                return mid;
            }
            if (c < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return -1;
    }

    /** The subject naming page {@code i}: {@code page_t @0x00402000 (index 1026)}. */
    public String subject(int i) {
        return String.format("page_t @0x%08x (index %d)", addr[i], i);
    }
}
