package org.vmscope.model.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random mmap/munmap/mprotect sequences, checked against independent oracles: the gap definition of
 * phoenix-vm.md §2.3 recomputed from the sorted entry list, red-black rules, first fit from the map start,
 * and page accounting (every mapped anonymous page owns exactly one frame).
 */
class VmMapProperties {
    private static final long START = 0x1000;
    private static final long STOP = 0x100000; // a small map so that gaps fill up

    record Op(int kind, int page, int pages, boolean readOnly) {
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        return Combinators.combine(Arbitraries.integers().between(0, 9), Arbitraries.integers().between(0, 255),
                Arbitraries.integers().between(1, 12), Arbitraries.of(true, false))
                .as(Op::new).list().ofMaxSize(60);
    }

    @Property(tries = 200)
    void mmapMunmapKeepTreeGapsAndPages(@ForAll("ops") List<Op> ops) {
        check(ops, false);
    }

    @Property(tries = 200)
    void mprotectKeepsTreeAndGaps(@ForAll("ops") List<Op> ops) {
        check(ops, true);
    }

    private void check(List<Op> ops, boolean withMprotect) {
        MapFixture f = new MapFixture(2048, 512, 0);
        VmMap m = new VmMap(f.ctx, START, STOP, f.pmap);
        for (Op op : ops) {
            long size = op.pages() * 0x1000L;
            int prot = op.readOnly() ? MapFixture.R : MapFixture.RW;
            if (op.kind() < 5) {
                long hint = op.kind() == 0 ? 0 : START + op.page() * 0x1000L;
                long expectFirstFit = hint == 0 ? firstFit(m, size) : -2;
                long v = m.mmap(hint, null, size, prot, null, -1, 0);
                if (expectFirstFit != -2) {
                    assertEquals(Math.max(expectFirstFit, 0), v, "first fit from the map start");
                }
            } else if (op.kind() < 8 || !withMprotect) {
                assertEquals(Errno.EOK, m.munmap(START + op.page() * 0x1000L, size));
            } else {
                int r = m.mprotect(START + op.page() * 0x1000L, size, MapFixture.R);
                assertTrue(r == Errno.EOK || r == Errno.ENOMEM, "mprotect result " + r);
            }
            checkTree(m);
            if (!withMprotect) {
                assertEquals(m.vmem(), f.pages.allocBytes(), "one frame per mapped anonymous page");
                assertEquals(m.entries().size(), f.used(), "one pool slot per entry");
            }
        }
    }

    /** Lowest address at or above START where {@code size} fits, from the sorted entries; -1 if none. */
    private static long firstFit(VmMap m, long size) {
        long at = START;
        for (MapEntry e : m.entries()) {
            if (e.vaddr() - at >= size) {
                return at;
            }
            at = e.end();
        }
        return STOP - at >= size ? at : -1;
    }

    private static void checkTree(VmMap m) {
        List<MapEntry> es = m.entries();
        long prevEnd = START;
        for (int i = 0; i < es.size(); i++) {
            MapEntry e = es.get(i);
            assertTrue(e.vaddr() >= prevEnd && e.end() <= STOP && e.size() > 0, "sorted, disjoint, inside");
            assertEquals(0, e.vaddr() & 0xfff);
            assertEquals(0, e.size() & 0xfff);
            assertSame(m, e.map());
            prevEnd = e.end();
        }
        MapEntry root = m.root();
        if (root != null) {
            assertNull(root.parent());
            assertTrue(root.isBlack(), "black root");
            blackHeight(root);
            gaps(root, es);
        }
    }

    private static int blackHeight(MapEntry n) {
        if (n == null) {
            return 1;
        }
        if (!n.isBlack()) {
            assertTrue(n.left() == null || n.left().isBlack(), "red node with red child");
            assertTrue(n.right() == null || n.right().isBlack(), "red node with red child");
        }
        if (n.left() != null) {
            assertSame(n, n.left().parent());
        }
        if (n.right() != null) {
            assertSame(n, n.right().parent());
        }
        int l = blackHeight(n.left());
        int r = blackHeight(n.right());
        assertEquals(l, r, "equal black heights");
        return l + (n.isBlack() ? 1 : 0);
    }

    /** Checks lmaxgap/rmaxgap against §2.3 and returns the subtree's max gap. */
    private static long gaps(MapEntry n, List<MapEntry> sorted) {
        int i = sorted.indexOf(n);
        long before = n.vaddr() - (i == 0 ? START : sorted.get(i - 1).end());
        long after = (i == sorted.size() - 1 ? STOP : sorted.get(i + 1).vaddr()) - n.end();
        long l = n.left() == null ? before : gaps(n.left(), sorted);
        long r = n.right() == null ? after : gaps(n.right(), sorted);
        assertEquals(l, n.lmaxgap(), "lmaxgap of " + n);
        assertEquals(r, n.rmaxgap(), "rmaxgap of " + n);
        return Math.max(l, r);
    }
}
