package org.vmscope.model.page;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The incrementally kept runs equal a from-scratch pass over the page array after every step of random
 * alloc/free sequences with mixed owners (so markers and flags vary) on layouts with holes, whether or not
 * the runs were asked for in between.
 */
class PageRunIndexProperties {
    private static final int[] OWNERS = {PageFlags.OWNER_APP, PageFlags.OWNER_KERNEL | PageFlags.KERNEL_HEAP,
        PageFlags.OWNER_KERNEL | PageFlags.KERNEL_PTABLE, PageFlags.OWNER_KERNEL};

    record Op(boolean alloc, int order, int pick, boolean query) {
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        return Combinators.combine(Arbitraries.integers().between(0, 2).map(x -> x > 0),
                Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 1000),
                Arbitraries.integers().between(0, 3).map(x -> x > 0)).as(Op::new).list().ofMaxSize(150);
    }

    @Provide
    Arbitrary<List<Integer>> gaps() {
        return Arbitraries.integers().between(1, 12).map(x -> x >= 11 ? x - 9 : 1).list().ofMinSize(1).ofMaxSize(200);
    }

    @Property(tries = 300)
    void incrementalRunsMatchAFullPass(@ForAll("gaps") List<Integer> gaps, @ForAll("ops") List<Op> ops) {
        PageAllocator a = new PageAllocator(12, 4, 16, 16);
        long frame = 0x100;
        for (int i = 0; i < gaps.size(); i++) {
            frame += gaps.get(i);
            a.discover(frame << 12, i % 17 == 5 ? PageFlags.OWNER_BOOT : PageFlags.FREE);
        }
        a.initSizes();
        assertRuns(a);
        List<Page> live = new ArrayList<>();
        for (Op op : ops) {
            if (op.alloc() || live.isEmpty()) {
                Page p = a.alloc(1L << (12 + op.order()), OWNERS[op.pick() % OWNERS.length]);
                if (p != null) {
                    live.add(p);
                }
            } else {
                a.free(live.remove(op.pick() % live.size()));
            }
            if (op.query()) {
                assertRuns(a);
            }
        }
        assertRuns(a);
    }

    private static void assertRuns(PageAllocator a) {
        assertEquals(fromScratch(a, false), a.runs());
        assertEquals(fromScratch(a, true), a.runsByFlags());
    }

    /** The oracle: one pass, a new run where the marker (or flags) change or the frames are not adjacent. */
    private static List<PageRun> fromScratch(PageAllocator a, boolean byFlags) {
        List<PageRun> out = new ArrayList<>();
        int n = a.pageCount();
        int start = 0;
        for (int i = 1; i <= n; i++) {
            Page s = a.pageAt(start);
            boolean cut = i == n;
            if (!cut) {
                Page p = a.pageAt(i);
                cut = p.marker() != s.marker() || p.addr() - a.pageAt(i - 1).addr() != a.pageSize()
                        || (byFlags && p.flags() != s.flags());
            }
            if (cut) {
                out.add(new PageRun(s.addr(), i - start, s.marker(), s.flags()));
                start = i;
            }
        }
        return out;
    }
}
