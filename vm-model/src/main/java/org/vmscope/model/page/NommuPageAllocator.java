package org.vmscope.model.page;

import org.vmscope.model.Arch;

/**
 * The NOMMU "page allocator" of {@code vm/page-nommu.c} (phoenix-vm.md §2.9, §3.1.6): a LIFO queue of
 * fake page_t tokens that only does accounting. Tokens carry an idx but no address; {@code page_get}
 * always fails. Real memory on NOMMU is allocated by gap search in the shared maps.
 */
public final class NommuPageAllocator {
    private static final int NIL = -1;

    private final int pageShift;
    private final int pageStructSize;
    private final int tokens;
    private final int[] next;
    private final byte[] idx;
    private int freeq;
    private long freesz;
    private long allocsz;
    private final long bootsz = 0;

    /**
     * {@code _page_init} for NOMMU: the token array is placed at {@code bss}, one token per page of the free
     * memory {@code [bss, mapEnd)} of the syspage map holding {@code __bss_start}.
     *
     * @param bssStart {@code &__bss_start}
     * @param bss      the boot break on entry
     * @param mapEnd   end of the syspage map that contains {@code __bss_start}
     */
    public NommuPageAllocator(Arch arch, long bssStart, long bss, long mapEnd) {
        this(arch.pageShift(), PageAllocator.pageStructSize(arch), bssStart, bss, mapEnd);
    }

    public NommuPageAllocator(int pageShift, int pageStructSize, long bssStart, long bss, long mapEnd) {
        if (Long.compareUnsigned(bss, mapEnd) > 0 || Long.compareUnsigned(bssStart, bss) > 0) {
            throw new IllegalArgumentException("bss outside its map");
        }
        this.pageShift = pageShift;
        this.pageStructSize = pageStructSize;
        long free = mapEnd - bss;
        long n = free >>> pageShift;
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many tokens");
        }
        tokens = (int) n;
        next = new int[tokens];
        idx = new byte[tokens];
        for (int i = 0; i < tokens; i++) {
            next[i] = i + 1 < tokens ? i + 1 : NIL;
        }
        freeq = tokens > 0 ? 0 : NIL;
        long bssAfter = bss + n * pageStructSize;
        allocsz = bssAfter - bssStart;
        freesz = free - n * pageStructSize;
        this.bssAfter = bssAfter;
    }

    private final long bssAfter;

    /** The boot break after the token array ({@code *bss} on return from {@code _page_init}). */
    public long bssAfter() {
        return bssAfter;
    }

    /**
     * {@code _page_alloc}: pops one token whatever the size, sets idx = ceil(log2(size)) and accounts 2^idx
     * bytes. {@code freesz} is not checked and may wrap, as in the kernel.
     *
     * @return the token number, or -1 when the queue is empty
     */
    public int alloc(long size) {
        if (freeq == NIL) {
            return NIL;
        }
        int t = freeq;
        freeq = next[t];
        next[t] = NIL;
        long s = size == 0 ? 1 : size;
        int i = 63 - Long.numberOfLeadingZeros(s);
        if ((s & (s - 1)) != 0) {
            i++;
        }
        idx[t] = (byte) i;
        freesz -= 1L << i;
        allocsz += 1L << i;
        return t;
    }

    /** {@code _page_free}: pushes the token back (LIFO) and reverses its accounting; no double-free check. */
    public boolean free(int token) {
        if (token < 0 || token >= tokens) {
            return false;
        }
        next[token] = freeq;
        freeq = token;
        freesz += 1L << idx[token];
        allocsz -= 1L << idx[token];
        return true;
    }

    /** idx of a token (log2 of its accounted size). */
    public int idx(int token) {
        return idx[token];
    }

    /** The token {@link #alloc} would return next, or -1. */
    public int queueHead() {
        return freeq;
    }

    public int tokenCount() {
        return tokens;
    }

    /** Tokens currently in the queue ({@code freeqsz} is the initial count; this walks the queue). */
    public int queuedTokens() {
        int n = 0;
        for (int t = freeq; t != NIL && n <= tokens; t = next[t]) {
            n++;
        }
        return n;
    }

    public long allocBytes() {
        return allocsz;
    }

    public long freeBytes() {
        return freesz;
    }

    public long bootBytes() {
        return bootsz;
    }

    public int pageShift() {
        return pageShift;
    }

    public int pageStructSize() {
        return pageStructSize;
    }
}
