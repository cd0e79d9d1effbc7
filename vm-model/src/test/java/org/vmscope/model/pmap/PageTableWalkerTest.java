package org.vmscope.model.pmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PageTableWalkerTest {
    private static final int P = PageAttr.PRESENT;
    private static final int R = PageAttr.READ;
    private static final int W = PageAttr.WRITE;
    private static final int U = PageAttr.USER;

    private record Setup(SimTarget t, TablePmap pmap, long vaBase, long paBase) {
    }

    private static List<Setup> setups() {
        List<Setup> out = new ArrayList<>();
        SimTarget a = new SimTarget(0, 64L << 20, 0x100000, 0x400000);
        out.add(new Setup(a, Ia32Pmap.create(a.mem, Ia32Pmap.kernel(a.mem, 0x1000), 0x2000), 0x08000000L, 0x1000000));
        SimTarget b = new SimTarget(0, 64L << 20, 0x100000, 0x400000);
        out.add(new Setup(b, Armv7aPmap.create(b.mem, Armv7aPmap.kernel(b.mem, 0x4000), 0x8000), 0x10000000L,
                0x1000000));
        SimTarget c = new SimTarget(0x40000000L, 64L << 20, 0x40100000L, 0x40400000L);
        out.add(new Setup(c, Aarch64Pmap.create(c.mem, Aarch64Pmap.kernel(c.mem, 0x40001000L, 0x40002000L),
                0x40003000L), 0x7F00000000L, 0x41000000L));
        for (RiscvFormat f : List.of(RiscvFormat.sv39(), RiscvFormat.sv48())) {
            SimTarget d = new SimTarget(0x80000000L, 64L << 20, 0x80100000L, 0x80400000L);
            out.add(new Setup(d, RiscvPmap.create(d.mem, RiscvPmap.kernel(d.mem, f, 0x80001000L), 0x80002000L),
                    0x3F00000000L, 0x81000000L));
        }
        SimTarget e = new SimTarget(0x40000000L, 64L << 20, 0x40100000L, 0x40400000L);
        SrmmuPmap s = SrmmuPmap.create(e.mem, SrmmuPmap.kernel(e.mem, 0x40000000L, 0x40000400L), 0x40002000L);
        s.switchTo();
        out.add(new Setup(e, s, 0x20000000L, 0x41000000L));
        return out;
    }

    @Test
    void translationsMatchAMapOracleOnEveryArch() {
        for (Setup s : setups()) {
            Random rnd = new Random(42);
            Map<Long, Long> oracle = new TreeMap<>(Long::compareUnsigned);
            for (int i = 0; i < 300; i++) {
                // Spread over several top-level and second-level tables.
                long va = s.vaBase() + ((long) rnd.nextInt(4) << 28) + ((long) rnd.nextInt(1 << 12) << 12);
                long pa = s.paBase() + ((long) rnd.nextInt(1 << 12) << 12);
                assertEquals(0, s.t().map(s.pmap(), va, pa, P | R | W | U), s.pmap().format().name());
                oracle.put(va, pa);
            }
            PageTableWalker w = new PageTableWalker(s.t().mem);
            PagingRoot root = s.pmap().walkRoots().get(0);
            for (Map.Entry<Long, Long> e : oracle.entrySet()) {
                Translation tr = w.translate(root, e.getKey() + 0x123);
                assertTrue(tr.mapped(), root + " " + Long.toHexString(e.getKey()));
                assertEquals(e.getValue() + 0x123, tr.pa());
                assertEquals(e.getValue().longValue(), s.pmap().resolve(e.getKey()));
                assertEquals(R | W, tr.userRights() & (R | W));
                assertEquals(U, tr.attr() & U);
            }
            AddressSpaceWalk walk = w.walk(root, s.vaBase(), s.vaBase() + (1L << 30) - 1);
            assertEquals(oracle, SimTarget.pages(walk), root.toString());
            assertTrue(walk.problems().isEmpty(), walk.problems().toString());
            // Reverse map: every VA mapping a PA, per the oracle.
            long somePa = oracle.values().iterator().next();
            List<Long> expected = new ArrayList<>();
            oracle.forEach((va, pa) -> {
                if (pa == somePa) {
                    expected.add(va);
                }
            });
            assertEquals(expected, walk.virtualAddressesOf(somePa + 8).stream().map(v -> v - 8).toList());
            // An unmapped VA faults at some level with the steps so far.
            Translation miss = w.translate(root, s.vaBase() + (5L << 28));
            assertFalse(miss.mapped());
            assertEquals(miss.steps().size() - 1, miss.faultLevel());
        }
    }

    @Test
    void contiguousPagesMergeAndAttributeChangesSplit() {
        for (Setup s : setups()) {
            for (int i = 0; i < 16; i++) {
                assertEquals(0, s.t().map(s.pmap(), s.vaBase() + i * 0x1000L, s.paBase() + i * 0x1000L, P | R | W | U));
            }
            PageTableWalker w = new PageTableWalker(s.t().mem);
            Function<Void, List<MappedRange>> ranges = v -> w.walk(s.pmap().walkRoots().get(0), s.vaBase(),
                    s.vaBase() + (1L << 24)).ranges();
            List<MappedRange> one = ranges.apply(null);
            assertEquals(1, one.size(), s.pmap().format().name());
            assertEquals(new MappedRange(s.vaBase(), s.paBase(), 0x10000, one.get(0).attr(), one.get(0).userRights(),
                    one.get(0).cache(), one.get(0).global()), one.get(0));
            assertEquals(0, s.t().map(s.pmap(), s.vaBase() + 0x5000, s.paBase() + 0x5000, P | R | U));
            w.invalidate();
            List<MappedRange> three = ranges.apply(null);
            assertEquals(3, three.size(), three.toString());
            assertEquals(0, three.get(1).attr() & W);
            assertEquals(0x1000, three.get(1).size());
            // A PA discontinuity splits too.
            assertEquals(0, s.t().map(s.pmap(), s.vaBase() + 0x9000, s.paBase() + 0x20000, P | R | W | U));
            w.invalidate();
            assertEquals(5, ranges.apply(null).size());
        }
    }

    @Test
    void largePagesOnEveryFormat() throws Exception {
        SimTarget t = new SimTarget(0, 64L << 20, 0x100000, 0x400000);
        Ia32Format ia = Ia32Format.standard();
        t.write32(0x1000 + 4 * 3, ia.encodeLeaf(0x00800000L, P | R | W, 0), false);
        t.write32(0x1000 + 4 * 4, ia.encodeLeaf(0x00C00000L, P | R | W, 0), false);
        AddressSpaceWalk w = new PageTableWalker(t.mem).walk(new PagingRoot(ia, 0x1000));
        assertEquals(List.of(new MappedRange(0x00C00000L, 0x00800000L, 8L << 20, P | R | W | PageAttr.EXEC, 0,
                CacheType.WRITE_BACK, false)), w.ranges());

        RiscvFormat sv = RiscvFormat.sv48();
        SimTarget r = new SimTarget(0x80000000L, 64L << 20, 0x80100000L, 0x80400000L);
        r.write64(0x80001000L, sv.encodeTable(0x80002000L, 0));
        r.write64(0x80002000L + 8 * 2, sv.encodeLeaf(0xC0000000L, P | R, 1)); // 1 GiB at 2 GiB
        r.write64(0x80002000L + 8 * 3, sv.encodeTable(0x80003000L, 1));
        r.write64(0x80003000L, sv.encodeLeaf(0x100000000L, P | R, 2)); // 2 MiB at 3 GiB, PA contiguous
        AddressSpaceWalk rw = new PageTableWalker(r.mem).walk(new PagingRoot(sv, 0x80001000L));
        assertEquals(1, rw.ranges().size(), rw.ranges().toString());
        assertEquals((1L << 30) + (2L << 20), rw.ranges().get(0).size());
        Translation tr = new PageTableWalker(r.mem).translate(new PagingRoot(sv, 0x80001000L), 0x80123456L);
        assertEquals(0xC0123456L, tr.pa());
        assertEquals(30, tr.leaf().leafShift());
    }

    @Test
    void selfReferenceAndCycleAreReportedAndBounded() throws Exception {
        // ia32: PDE 5 points at the page directory itself.
        SimTarget t = new SimTarget(0, 64L << 20, 0x100000, 0x400000);
        Ia32Pmap k = Ia32Pmap.kernel(t.mem, 0x1000);
        assertEquals(0, t.map(k, 0x1000, 0x300000, P | R));
        t.write32(0x1000 + 4 * 5, 0x1000 | 3, false);
        PageTableWalker w = new PageTableWalker(t.mem);
        AddressSpaceWalk walk = w.walk(k.walkRoots().get(0));
        assertEquals(1, walk.ranges().size());
        assertEquals(WalkProblem.Kind.CYCLE, walk.problems().get(0).kind());
        assertEquals(0x01400000L, walk.problems().get(0).va());
        Translation tr = w.translate(k.walkRoots().get(0), 0x01400000L);
        assertFalse(tr.mapped());
        assertEquals(WalkProblem.Kind.CYCLE, tr.problems().get(0).kind());

        // Sv39: a level-2 table pointing back at the root (a loop two levels deep).
        RiscvFormat sv = RiscvFormat.sv39();
        SimTarget r = new SimTarget(0x80000000L, 64L << 20, 0x80100000L, 0x80400000L);
        r.write64(0x80001000L, sv.encodeTable(0x80002000L, 0));
        r.write64(0x80002000L, sv.encodeTable(0x80001000L, 1));
        AddressSpaceWalk rw = new PageTableWalker(r.mem).walk(new PagingRoot(sv, 0x80001000L));
        assertTrue(rw.ranges().isEmpty());
        assertEquals(WalkProblem.Kind.CYCLE, rw.problems().get(0).kind());
    }

    @Test
    void pointersOutsideRamAreReportedAndTheRestIsWalked() throws Exception {
        SimTarget t = new SimTarget(0, 64L << 20, 0x100000, 0x400000);
        Ia32Pmap k = Ia32Pmap.kernel(t.mem, 0x1000);
        assertEquals(0, t.map(k, 0x00800000L, 0x300000, P | R));
        t.write32(0x1000 + 4 * 7, 0xF0000000L | 7, false); // page table in device space
        PageTableWalker w = new PageTableWalker(t.mem);
        AddressSpaceWalk walk = w.walk(k.walkRoots().get(0));
        assertEquals(1, walk.ranges().size());
        assertEquals(1, walk.problems().size());
        WalkProblem p = walk.problems().get(0);
        assertEquals(WalkProblem.Kind.TABLE_OUTSIDE_RAM, p.kind());
        assertEquals(0x01C00000L, p.va());
        assertEquals(0xF0000000L, p.tablePa());
        Translation tr = w.translate(k.walkRoots().get(0), 0x01C00000L);
        assertEquals(1, tr.faultLevel());
        assertEquals(WalkProblem.Kind.TABLE_OUTSIDE_RAM, tr.problems().get(0).kind());
        // Leaves may map outside RAM (device windows): that is not a problem.
        assertEquals(0, t.map(k, 0x00801000L, 0xFEE00000L, P | R | W | PageAttr.DEV));
        w.invalidate();
        assertTrue(w.walk(k.walkRoots().get(0)).problems().stream().noneMatch(q -> q.va() == 0x00801000L));
    }

    @Test
    void rootOutsideRamReadsNothing() {
        SimTarget t = new SimTarget(0, 16L << 20, 0x100000, 0x400000);
        SimTarget.CountingReader reader = new SimTarget.CountingReader(t.mem);
        PageTableWalker w = new PageTableWalker(reader);
        PagingRoot root = new PagingRoot(Ia32Format.standard(), 0x7F000000L);
        AddressSpaceWalk walk = w.walk(root);
        assertTrue(walk.ranges().isEmpty());
        assertEquals(WalkProblem.Kind.ROOT_OUTSIDE_RAM, walk.problems().get(0).kind());
        assertEquals(WalkProblem.Kind.ROOT_OUTSIDE_RAM, w.translate(root, 0x1000).problems().get(0).kind());
        assertEquals(0, reader.reads);
        // A root straddling the end of RAM is outside too.
        assertEquals(WalkProblem.Kind.ROOT_OUTSIDE_RAM,
                w.walk(new PagingRoot(Ia32Format.standard(), (16L << 20) - 0x800)).problems().get(0).kind());
    }

    @Test
    void eachTableIsReadOncePerWalker() {
        SimTarget t = new SimTarget(0, 64L << 20, 0x100000, 0x400000);
        Ia32Pmap k = Ia32Pmap.kernel(t.mem, 0x1000);
        for (int i = 0; i < 3; i++) {
            assertEquals(0, t.map(k, (long) i << 22, 0x300000, P | R));
        }
        SimTarget.CountingReader reader = new SimTarget.CountingReader(t.mem);
        PageTableWalker w = new PageTableWalker(reader);
        w.walk(k.walkRoots().get(0));
        w.walk(k.walkRoots().get(0));
        for (int i = 0; i < 3; i++) {
            w.translate(k.walkRoots().get(0), (long) i << 22);
        }
        assertEquals(4, reader.reads, "directory + 3 tables");
        assertEquals(4, w.tablesRead());
        // Three VAs share one PA.
        assertEquals(List.of(0L, 1L << 22, 2L << 22), w.reverse(k.walkRoots().get(0), 0x300000));
    }

    @Test
    void aliasedTablesHitTheEntryCap() throws Exception {
        // Every Sv39 root entry points at one L1 table whose entries all point at one full L0 table:
        // 512^3 pages without a cycle. The cap keeps it bounded.
        RiscvFormat sv = RiscvFormat.sv39();
        SimTarget r = new SimTarget(0x80000000L, 64L << 20, 0x80100000L, 0x80400000L);
        for (int i = 0; i < 512; i++) {
            r.write64(0x80001000L + 8L * i, sv.encodeTable(0x80002000L, 0));
            r.write64(0x80002000L + 8L * i, sv.encodeTable(0x80003000L, 1));
            r.write64(0x80003000L + 8L * i, sv.encodeLeaf(0x90000000L + 0x1000L * i, P | R, 2));
        }
        AddressSpaceWalk walk = new PageTableWalker(r.mem, 100_000).walk(new PagingRoot(sv, 0x80001000L));
        assertTrue(walk.truncated());
        assertEquals(100_000, walk.entriesVisited() - 1);
        assertEquals(WalkProblem.Kind.LIMIT_REACHED, walk.problems().get(walk.problems().size() - 1).kind());
    }

    @Test
    void readerFailuresBecomeProblems() {
        SimTarget t = new SimTarget(0, 64L << 20, 0x100000, 0x400000);
        Ia32Pmap k = Ia32Pmap.kernel(t.mem, 0x1000);
        SimTarget.CountingReader reader = new SimTarget.CountingReader(t.mem);
        reader.explode = true;
        AddressSpaceWalk walk = new PageTableWalker(reader).walk(k.walkRoots().get(0));
        assertEquals(WalkProblem.Kind.READ_FAILED, walk.problems().get(0).kind());
    }

    @Test
    void reservedEntriesAreReported() throws Exception {
        RiscvFormat sv = RiscvFormat.sv39();
        SimTarget r = new SimTarget(0x80000000L, 64L << 20, 0x80100000L, 0x80400000L);
        r.write64(0x80001000L + 8, 0x5); // W without R
        AddressSpaceWalk walk = new PageTableWalker(r.mem).walk(new PagingRoot(sv, 0x80001000L));
        assertEquals(WalkProblem.Kind.RESERVED_ENTRY, walk.problems().get(0).kind());
        assertEquals(1L << 30, walk.problems().get(0).va());
    }
}
