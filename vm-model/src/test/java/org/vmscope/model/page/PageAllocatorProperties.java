package org.vmscope.model.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random alloc/free sequences on random layouts (holes, reserved pages), checked against a simple
 * independent oracle: a per-page "owned" bitmap and a byte counter.
 */
class PageAllocatorProperties {

    record Layout(List<Integer> steps, List<Boolean> free) {
    }

    record Op(boolean alloc, int order, int pick) {
    }

    @Provide
    Arbitrary<Layout> layouts() {
        Arbitrary<List<Integer>> steps = Arbitraries.integers().between(1, 20).map(x -> x == 20 ? 3 : x >= 18 ? 2 : 1)
                .list().ofMinSize(1).ofMaxSize(160);
        return steps.flatMap(s -> Arbitraries.integers().between(0, 9).map(x -> x < 8).list().ofSize(s.size())
                .map(f -> new Layout(s, f)));
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        return Combinators.combine(Arbitraries.integers().between(0, 2).map(x -> x > 0),
                Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, 1000))
                .as(Op::new).list().ofMaxSize(120);
    }

    @Property(tries = 300)
    void allocFreeKeepsInvariants(@ForAll("layouts") Layout layout, @ForAll("ops") List<Op> ops,
            @ForAll boolean sixtyFourBit, @ForAll boolean holes) {
        PageAllocator a = new PageAllocator(12, sixtyFourBit ? 8 : 4, sixtyFourBit ? 32 : 16, 16);
        long frame = 0x40;                         // frame numbers; base 0x40000
        int n = layout.steps().size();
        boolean[] owned = new boolean[n];          // oracle: allocated by us
        boolean[] initiallyFree = new boolean[n];
        for (int i = 0; i < n; i++) {
            frame += holes ? layout.steps().get(i) : 1;
            boolean f = layout.free().get(i);
            a.discover(frame << 12, f ? PageFlags.FREE : PageFlags.OWNER_KERNEL);
            initiallyFree[i] = f;
        }
        a.initSizes();
        long baseAlloc = a.allocBytes();
        long ownedBytes = 0;
        List<Page> live = new ArrayList<>();
        for (Op op : ops) {
            if (op.alloc() || live.isEmpty()) {
                long size = (1L << (12 + op.order())) - (op.pick() % 3 == 0 ? 100 : 0);
                Page p = a.alloc(size, PageFlags.OWNER_APP);
                if (p == null) {
                    continue;
                }
                long pages = p.blockBytes() >> 12;
                assertTrue(p.blockBytes() >= size, "block covers the request");
                if (!holes) {
                    // With holes, initSizes absorbs them and array-arithmetic splits can misalign (as in C).
                    assertEquals(0, p.addr() & (p.blockBytes() - 1), "head aligned to its block size");
                }
                for (int k = 0; k < pages; k++) {
                    int j = p.index() + k;
                    assertTrue(initiallyFree[j], "never hands out a reserved page");
                    assertFalse(owned[j], "no overlap with a live block");
                    owned[j] = true;
                    assertFalse(a.pageAt(j).isFree());
                }
                ownedBytes += p.blockBytes();
                live.add(p);
            } else {
                Page p = live.remove(op.pick() % live.size());
                long pages = p.blockBytes() >> 12;
                for (int k = 0; k < pages; k++) {
                    owned[p.index() + k] = false;
                }
                ownedBytes -= p.blockBytes();
                assertEquals(FreeResult.FREED, a.free(p));
            }
            assertEquals(baseAlloc + ownedBytes, a.allocBytes());
            checkLists(a, owned, initiallyFree);
        }
    }

    /** Every free page lies in exactly one listed block; listed heads are free with idx == list order. */
    private static void checkLists(PageAllocator a, boolean[] owned, boolean[] initiallyFree) {
        int n = a.pageCount();
        int[] cover = new int[n];
        long listed = 0;
        for (int o = 0; o < a.listCount(); o++) {
            List<Page> list = a.freeList(o);
            for (Page p : list) {
                assertEquals(o, p.idx(), "head idx equals its list");
                assertTrue(p.isFree());
                assertEquals(p, p.next().prev(), "links are consistent");
                long pages = 1L << (o - 12);
                for (int k = 0; k < pages; k++) {
                    cover[p.index() + k]++;
                }
                listed += pages << 12;
            }
        }
        for (int i = 0; i < n; i++) {
            boolean free = initiallyFree[i] && !owned[i];
            assertEquals(free, a.pageAt(i).isFree(), "page " + i + " free state");
            assertEquals(free ? 1 : 0, cover[i], "page " + i + " covered once by the lists when free");
        }
        assertEquals(a.freeBytes(), listed);
    }
}
