package org.vmscope.model.page;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.vmscope.model.Arch;

/**
 * The MMU physical page allocator of {@code vm/page.c} (phoenix-vm.md §3.1): a page array sorted by
 * address (holes skipped), and {@code SIZE_VM_SIZES} circular buddy lists, list n holding free blocks of
 * exactly 2^n bytes.
 *
 * <p>Storage is a set of parallel primitive arrays, one slot per {@code page_t} (19 bytes per simulated
 * page); {@link Page} objects are views created on demand. List links are array indices, -1 = NULL.
 *
 * <p>Lifecycle: {@link #discover} every frame in address order (the {@code pmap_getPage} loop of
 * {@code _page_init}), optionally {@link #alloc} single pages during discovery (heap growth uses the
 * single-page list), then {@link #initSizes} once; after that use {@link #alloc} and {@link #free}.
 */
public final class PageAllocator {
    private static final int NIL = -1;

    private final int pageShift;
    private final long pageSize;
    private final int nsizes;
    private final int pageStructSize;

    private long[] addr;
    private byte[] idx;
    private short[] flags;
    private int[] next;
    private int[] prev;
    private int count;

    private final int[] sizes;

    private long totalsz;
    private long allocsz;
    private long bootsz;
    private boolean sized;
    private java.util.function.BooleanSupplier failureHook;
    private final PageRunIndex byMarker = new PageRunIndex(j -> continuesRun(j, false));
    private final PageRunIndex byFlags = new PageRunIndex(j -> continuesRun(j, true));
    private List<PageRun> runsCache;
    private List<PageRun> runsByFlagsCache;

    /**
     * @param pageShift      log2 of SIZE_PAGE
     * @param pointerBytes   pointer width, which fixes {@code SIZE_VM_SIZES = pointerBytes * 8}
     * @param pageStructSize {@code sizeof(page_t)}, reported by meminfo and used for heap accounting
     * @param capacityHint   expected number of page_t entries (the arrays grow if needed)
     */
    public PageAllocator(int pageShift, int pointerBytes, int pageStructSize, int capacityHint) {
        if (pageShift < 1 || pageShift > 30 || (pointerBytes != 4 && pointerBytes != 8) || pageStructSize <= 0) {
            throw new IllegalArgumentException("bad page allocator geometry");
        }
        this.pageShift = pageShift;
        this.pageSize = 1L << pageShift;
        this.nsizes = pointerBytes * 8;
        this.pageStructSize = pageStructSize;
        int cap = Math.max(16, capacityHint);
        addr = new long[cap];
        idx = new byte[cap];
        flags = new short[cap];
        next = new int[cap];
        prev = new int[cap];
        sizes = new int[nsizes];
        Arrays.fill(sizes, NIL);
    }

    /** An allocator with the geometry of {@code arch} (page size, list count, sizeof(page_t)). */
    public static PageAllocator forArch(Arch arch, int capacityHint) {
        return new PageAllocator(arch.pageShift(), arch.pointerBytes(), pageStructSize(arch), capacityHint);
    }

    /** {@code sizeof(page_t)} per architecture (§2.2): 32 on 64-bit, 12 on the Cortex-M (no prev), else 16. */
    public static int pageStructSize(Arch arch) {
        if (arch.pointerBytes() == 8) {
            return 32;
        }
        return arch.hasMmu() ? 16 : 12;
    }

    // ---------------------------------------------------------------- boot: discovery and sizes

    /**
     * One successful {@code pmap_getPage}: appends a page_t for the frame at {@code frameAddr}. A free frame
     * gets idx = log2(SIZE_PAGE) and goes to the tail of the single-page list; any other gets idx 0 and
     * counts as allocated (and as boot-owned when its owner bits are BOOT).
     *
     * @return the new page's index
     * @throws IllegalStateException    after {@link #initSizes}
     * @throws IllegalArgumentException when the address is unaligned or not above the previous one
     */
    public int discover(long frameAddr, int pageFlags) {
        if (sized) {
            throw new IllegalStateException("page array is fixed after initSizes");
        }
        if ((frameAddr & (pageSize - 1)) != 0) {
            throw new IllegalArgumentException(String.format("frame 0x%x not page aligned", frameAddr));
        }
        if (count > 0 && Long.compareUnsigned(frameAddr, addr[count - 1]) <= 0) {
            throw new IllegalArgumentException(String.format("frame 0x%x not above the previous one", frameAddr));
        }
        if (count == addr.length) {
            grow();
        }
        int i = count++;
        addr[i] = frameAddr;
        flags[i] = (short) pageFlags;
        byMarker.reset(count);
        byFlags.reset(count);
        runsCache = null;
        runsByFlagsCache = null;
        next[i] = NIL;
        prev[i] = NIL;
        totalsz += pageSize;
        if (PageFlags.isFree(pageFlags)) {
            idx[i] = (byte) pageShift;
            listAdd(pageShift, i);
        } else {
            idx[i] = 0;
            allocsz += pageSize;
            // The kernel masks 3 bits and compares with the unshifted constant; it works as BOOT is 0.
            if (((pageFlags >> 1) & 7) == PageFlags.OWNER_BOOT) {
                bootsz += pageSize;
            }
        }
        return i;
    }

    private void grow() {
        int cap = addr.length + (addr.length >> 1) + 16;
        addr = Arrays.copyOf(addr, cap);
        idx = Arrays.copyOf(idx, cap);
        flags = Arrays.copyOf(flags, cap);
        next = Arrays.copyOf(next, cap);
        prev = Arrays.copyOf(prev, cap);
    }

    /**
     * {@code _page_initSizes}: drops the single-page list and rebuilds all lists as maximal naturally aligned
     * blocks, judged by array adjacency only (a hole inside an aligned block is absorbed, as in the kernel).
     */
    public void initSizes() {
        if (sized) {
            throw new IllegalStateException("initSizes already ran");
        }
        sized = true;
        for (int i = 0; i < count; i++) {
            // "Remove already discovered pages": the kernel just forgets the list head.
            if (idx[i] == pageShift && PageFlags.isFree(flags[i])) {
                next[i] = NIL;
                prev[i] = NIL;
            }
        }
        sizes[pageShift] = NIL;
        int i = 0;
        while (i < count) {
            if (!PageFlags.isFree(flags[i])) {
                i++;
                continue;
            }
            int order = firstBit(addr[i]);
            if (order >= nsizes) {
                order = nsizes - 1;
            }
            long maxFollow = order >= pageShift ? (1L << (order - pageShift)) - 1 : -1;
            long k = 0;
            while (k < maxFollow && i + k < count - 1L) {
                if (!PageFlags.isFree(flags[(int) (i + k + 1)])) {
                    break;
                }
                k++;
            }
            int blockOrder = 63 - Long.numberOfLeadingZeros((k + 1) * pageSize);
            idx[i] = (byte) blockOrder;
            listAdd(blockOrder, i);
            long step = 1L << (blockOrder - pageShift);
            i = (int) Math.min((long) count, i + step);
        }
    }

    /** {@code hal_cpuGetFirstBit}: index of the lowest set bit; for 0 (undefined in C) the top list. */
    private int firstBit(long a) {
        return a == 0 ? nsizes - 1 : Long.numberOfTrailingZeros(a);
    }

    // ---------------------------------------------------------------- alloc / free

    /**
     * {@code vm_pageAlloc}/{@code _page_alloc}: a block of at least {@code size} bytes (raised to a page,
     * rounded up to a power of two) taken from the head of the first non-empty list, splitting and keeping
     * the lower half. Every page of the block loses PAGE_FREE and gets {@code pageFlags} ORed in.
     *
     * @return the head page, or null when no list can satisfy the request
     */
    public Page alloc(long size, int pageFlags) {
        int i = allocIndex(size, pageFlags);
        return i < 0 ? null : new Page(this, i);
    }

    /**
     * Failure injection for simulations: while {@code hook} answers true, allocations fail as if no list could
     * satisfy them. Asked once per allocation; null removes it.
     */
    public void setFailureHook(java.util.function.BooleanSupplier hook) {
        this.failureHook = hook;
    }

    /** {@link #alloc} returning the head's array index, or -1. */
    public int allocIndex(long size, int pageFlags) {
        if (failureHook != null && failureHook.getAsBoolean()) {
            return -1; // injected exhaustion: the kernel sees an empty buddy list
        }
        long s = Long.compareUnsigned(size, pageSize) < 0 ? pageSize : size;
        int start = 63 - Long.numberOfLeadingZeros(s);
        if ((s & (s - 1)) != 0) {
            start++;
        }
        int stop = start;
        while (stop < nsizes && sizes[stop] == NIL) {
            stop++;
        }
        if (stop >= nsizes) {
            return NIL;
        }
        int lh = sizes[stop];
        while (stop > start) {
            listRemove(stop, lh);
            stop--;
            idx[lh] = (byte) stop;
            long half = 1L << (stop - pageShift);
            int rh = (int) (lh + half);
            idx[rh] = (byte) stop;
            listAdd(stop, lh);
            listAdd(stop, rh);
        }
        listRemove(stop, lh);
        long n = blockPages(idx[lh]);
        for (long k = 0; k < n && lh + k < count; k++) {
            int j = (int) (lh + k);
            flags[j] = (short) ((flags[j] & ~PageFlags.FREE) | pageFlags);
            allocsz += pageSize;
        }
        pagesChanged(lh, (int) Math.min(count, lh + n));
        return lh;
    }

    /**
     * {@code vm_pageFree}: marks the block free and merges buddies, then appends the head to its list.
     * Owner and usage bits stay (flags accumulate).
     *
     * <p>Merging follows the kernel's loop literally. After each merge it recomputes only one of its two
     * buddy variables, keeping the other from the previous step. So merging continues while the grown
     * block is the <em>left</em> half of its parent, and stops the first time it would have to merge with a
     * left buddy. (The reference §3.1.3 describes the intended symmetric merge; the code does this.)
     */
    public FreeResult free(Page p) {
        if (p == null) {
            return FreeResult.IGNORED;
        }
        if (p.allocator() != this) {
            return FreeResult.INVALID;
        }
        return free(p.index());
    }

    /** {@link #free(Page)} by array index. */
    public FreeResult free(int index) {
        if (index < 0 || index >= count) {
            return FreeResult.INVALID;
        }
        if (PageFlags.isFree(flags[index])) {
            return FreeResult.DOUBLE_FREE;
        }
        int order = idx[index];
        long n = blockPages(order);
        // A listed non-free page can only be a freed boot page (idx 0, parked on list 0); refuse a repeat.
        if (index + n > count || isListed(index)) {
            return FreeResult.INVALID;
        }
        for (long k = 0; k < n; k++) {
            int j = (int) (index + k);
            flags[j] = (short) (flags[j] | PageFlags.FREE);
            allocsz -= pageSize;
        }
        pagesChanged(index, (int) (index + n));
        long p = index;
        long lh = index;
        long rh = index;
        if (order < 63 && (addr[index] & ((1L << (order + 1)) - 1)) != 0) {
            lh = p - blockPages(order);
        } else {
            rh = p + blockPages(order);
        }
        while (canMerge(p, lh, rh, order)) {
            int buddy = (int) (p == lh ? rh : lh);
            listRemove(order, buddy);
            idx[(int) rh] = (byte) pageShift;
            idx[(int) lh]++;
            order++;
            p = lh;
            if ((addr[(int) p] & ((1L << (order + 1)) - 1)) != 0) {
                lh = p - blockPages(order);
            } else {
                rh = p + blockPages(order);
            }
        }
        listAdd(order, (int) p);
        return FreeResult.FREED;
    }

    private boolean canMerge(long p, long lh, long rh, int order) {
        if (lh < 0 || rh >= count || order >= nsizes || order + 1 >= 63) {
            return false;
        }
        int l = (int) lh;
        int r = (int) rh;
        if (!PageFlags.isFree(flags[l]) || !PageFlags.isFree(flags[r]) || idx[l] != idx[r]) {
            return false;
        }
        if (addr[l] + (1L << idx[l]) != addr[r]) {
            return false;
        }
        // Model safety: never unlink a buddy that is not on a list (the kernel would corrupt its lists).
        return isListed(p == lh ? r : l);
    }

    private boolean isListed(int i) {
        return next[i] != NIL;
    }

    private long blockPages(int order) {
        return order < pageShift ? 0 : 1L << (order - pageShift);
    }

    // ---------------------------------------------------------------- lists (LIST_ADD / LIST_REMOVE)

    /** LIST_ADD: append at the tail, i.e. just before the head of the circular list. */
    private void listAdd(int list, int t) {
        int h = sizes[list];
        if (h == NIL) {
            sizes[list] = t;
            next[t] = t;
            prev[t] = t;
        } else {
            int tail = prev[h];
            next[t] = h;
            prev[t] = tail;
            next[tail] = t;
            prev[h] = t;
        }
    }

    /** LIST_REMOVE: unlink; the head advances when the head itself is removed. */
    private void listRemove(int list, int t) {
        if (next[t] == t) {
            sizes[list] = NIL;
        } else {
            next[prev[t]] = next[t];
            prev[next[t]] = prev[t];
            if (sizes[list] == t) {
                sizes[list] = next[t];
            }
        }
        next[t] = NIL;
        prev[t] = NIL;
    }

    // ---------------------------------------------------------------- lookup

    /** {@code page_get}: binary search by {@code paddr & ~(SIZE_PAGE-1)}; null outside described RAM. */
    public Page get(long paddr) {
        int i = indexOf(paddr);
        return i < 0 ? null : new Page(this, i);
    }

    /** {@link #get} returning the array index, or -1. */
    public int indexOf(long paddr) {
        long key = paddr & ~(pageSize - 1);
        int lo = 0;
        int hi = count - 1;
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
        return NIL;
    }

    /** The page at array index {@code i}. */
    public Page pageAt(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("page index " + i + " of " + count);
        }
        return new Page(this, i);
    }

    long addrAt(int i) {
        return addr[i];
    }

    int idxAt(int i) {
        return idx[i];
    }

    int flagsAt(int i) {
        return flags[i] & 0xffff;
    }

    int nextAt(int i) {
        return next[i];
    }

    int prevAt(int i) {
        return prev[i];
    }

    /** Head of buddy list {@code order}, or null. */
    public Page listHead(int order) {
        if (order < 0 || order >= nsizes) {
            return null;
        }
        return sizes[order] == NIL ? null : new Page(this, sizes[order]);
    }

    /** The pages on buddy list {@code order}, head first, following {@code next}. */
    public List<Page> freeList(int order) {
        List<Page> out = new ArrayList<>();
        if (order < 0 || order >= nsizes || sizes[order] == NIL) {
            return out;
        }
        int h = sizes[order];
        int t = h;
        int guard = count + 1;
        do {
            out.add(new Page(this, t));
            t = next[t];
        } while (t != h && t != NIL && --guard > 0);
        return out;
    }

    // ---------------------------------------------------------------- statistics

    public int pageShift() {
        return pageShift;
    }

    public long pageSize() {
        return pageSize;
    }

    /** {@code SIZE_VM_SIZES}: 32 on 32-bit targets, 64 on 64-bit. */
    public int listCount() {
        return nsizes;
    }

    /** {@code sizeof(page_t)}. */
    public int pageStructSize() {
        return pageStructSize;
    }

    /** Number of page_t entries ({@code totalsz / SIZE_PAGE}). */
    public int pageCount() {
        return count;
    }

    /** {@code pages_info.totalsz}: bytes described by the page array. */
    public long totalBytes() {
        return totalsz;
    }

    /** {@code pages_info.allocsz}: allocated bytes, boot pages included. */
    public long allocBytes() {
        return allocsz;
    }

    /** {@code pages_info.bootsz}: bytes owned by the boot loader / BIOS. */
    public long bootBytes() {
        return bootsz;
    }

    /** {@code vm_pageGetStats}: totalsz - allocsz. */
    public long freeBytes() {
        return totalsz - allocsz;
    }

    /** Whether {@link #initSizes} has run. */
    public boolean isSized() {
        return sized;
    }

    // ---------------------------------------------------------------- runs

    /**
     * The run list {@code vm_pageinfo} returns: a new run starts when the marker changes or the next
     * page_t is not physically adjacent.
     */
    public List<PageRun> runs() {
        return runs(false);
    }

    /** Like {@link #runs()} but also splitting where the flags differ (free pages with stale owners...). */
    public List<PageRun> runsByFlags() {
        return runs(true);
    }

    /** Unmodifiable and cached until a page changes: a viewer polling an idle target pays nothing. */
    private List<PageRun> runs(boolean sameFlags) {
        List<PageRun> c = sameFlags ? runsByFlagsCache : runsCache;
        if (c != null) {
            return c;
        }
        List<int[]> rs = (sameFlags ? byFlags : byMarker).runs();
        List<PageRun> out = new ArrayList<>(rs.size());
        for (int[] r : rs) {
            int f = flags[r[0]] & 0xffff;
            out.add(new PageRun(addr[r[0]], r[1] - r[0], PageFlags.marker(f), f));
        }
        c = java.util.Collections.unmodifiableList(out);
        if (sameFlags) {
            runsByFlagsCache = c;
        } else {
            runsCache = c;
        }
        return c;
    }

    /** Whether page {@code j} continues page {@code j - 1}'s run: same marker (and flags), adjacent frames. */
    private boolean continuesRun(int j, boolean sameFlags) {
        int f = flags[j] & 0xffff;
        int g = flags[j - 1] & 0xffff;
        return PageFlags.marker(f) == PageFlags.marker(g) && addr[j] - addr[j - 1] <= pageSize
                && (!sameFlags || f == g);
    }

    /** Keeps the run indexes in step with flags written to pages {@code [from, to)}. */
    private void pagesChanged(int from, int to) {
        runsCache = null;
        runsByFlagsCache = null;
        byMarker.changed(from, to);
        byFlags.changed(from, to);
    }
}
