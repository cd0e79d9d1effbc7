package org.vmscope.model.check;

import java.util.Arrays;

import org.vmscope.model.map.EntryPool;

/**
 * {@code map_common}'s entry pool (§2.3): {@code ntotal} slots, {@code nfree}, and the free chain as a head
 * slot plus each slot's {@code next} link ({@link PageArrayState#NIL} for NULL, {@link PageArrayState#BAD}
 * for a pointer outside the pool; meaningful on free slots only). Fields are package-private so tests can
 * corrupt one link.
 */
public final class EntryPoolState {
    final int ntotal;
    int nfree;
    int head;
    final int[] next;

    public EntryPoolState(int ntotal, int nfree, int head, int[] next) {
        if (next.length != ntotal) {
            throw new IllegalArgumentException("one next link per slot expected");
        }
        this.ntotal = ntotal;
        this.nfree = nfree;
        this.head = head;
        this.next = next;
    }

    /** The model pool, its free chain linked as the kernel's LIFO list would be. */
    public static EntryPoolState of(EntryPool pool) {
        int[] chain = pool.freeChain();
        int[] next = new int[pool.total()];
        Arrays.fill(next, PageArrayState.NIL);
        for (int i = 0; i + 1 < chain.length; i++) {
            next[chain[i]] = chain[i + 1];
        }
        return new EntryPoolState(pool.total(), pool.free(), chain.length == 0 ? PageArrayState.NIL : chain[0], next);
    }

    public int total() {
        return ntotal;
    }

    public int free() {
        return nfree;
    }

    public int head() {
        return head;
    }

    public int next(int slot) {
        return next[slot];
    }

    static String subject(int slot) {
        return "map_entry pool slot " + slot;
    }
}
