package org.vmscope.model.pmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random pmap_enter / pmap_remove sequences against a plain Map oracle; the page tables written to
 * simulated RAM are then read back through pmap_resolve, the single-VA walk and the full walk.
 */
class PmapOracleProperties {
    private static final int PAGES = 4096; // 16 MiB of VA: several tables on every format
    private static final int P = PageAttr.PRESENT;
    private static final int R = PageAttr.READ;

    /** One step: enter page {@code page} → frame {@code frame}, or remove {@code count} pages from {@code page}. */
    record Op(boolean enter, int page, int frame, int attr, int count) {
        @Override
        public String toString() {
            return enter ? String.format("enter(p%d -> f%d, %s)", page, frame, PageAttr.describe(attr))
                    : String.format("remove(p%d, %d)", page, count);
        }
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Op> enter = Combinators.combine(Arbitraries.integers().between(0, PAGES - 1),
                Arbitraries.integers().between(1, 2000), Arbitraries.integers().between(0, 127))
                .as((p, f, a) -> new Op(true, p, f, a | P | R, 0));
        Arbitrary<Op> remove = Combinators.combine(Arbitraries.integers().between(0, PAGES - 1),
                Arbitraries.integers().between(1, 1500)).as((p, n) -> new Op(false, p, 0, 0, n));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, enter), net.jqwik.api.Tuple.of(1, remove))
                .list().ofMaxSize(60);
    }

    private static void check(SimTarget t, TablePmap pmap, long vaBase, long paBase, Map<Long, Long> oracle) {
        PageTableWalker w = new PageTableWalker(t.mem);
        PagingRoot root = pmap.walkRoots().get(0);
        for (int i = 0; i < PAGES; i++) {
            long va = vaBase + 0x1000L * i;
            Long pa = oracle.get(va);
            assertEquals(pa == null ? 0 : pa, pmap.resolve(va), () -> "resolve " + Long.toHexString(va));
            Translation tr = w.translate(root, va + 0x10);
            assertEquals(pa != null, tr.mapped());
            if (pa != null) {
                assertEquals(pa + 0x10, tr.pa());
            }
        }
        AddressSpaceWalk walk = w.walk(root, vaBase, vaBase + 0x1000L * PAGES - 1);
        assertEquals(oracle, SimTarget.pages(walk));
        assertTrue(walk.problems().isEmpty(), walk.problems().toString());
        // Reverse map agrees with the oracle for every mapped frame.
        ReverseMap rev = new ReverseMap(List.of(walk));
        for (Map.Entry<Long, Long> e : oracle.entrySet()) {
            assertTrue(rev.virtualAddresses(e.getValue()).contains(e.getKey()));
        }
    }

    @Property(tries = 150)
    void ia32MatchesOracleIncludingTheRemoveQuirk(@ForAll("ops") List<Op> ops) {
        SimTarget t = new SimTarget(0, 64L << 20, 0x100000, 0x400000);
        Ia32Pmap pmap = Ia32Pmap.create(t.mem, Ia32Pmap.kernel(t.mem, 0x1000), 0x2000);
        long vaBase = 0x08000000L;
        long paBase = 0x01000000L;
        Map<Long, Long> oracle = new TreeMap<>(Long::compareUnsigned);
        Set<Long> pdes = new HashSet<>();
        for (Op op : ops) {
            long va = vaBase + 0x1000L * op.page();
            if (op.enter()) {
                long pa = paBase + 0x1000L * op.frame();
                assertEquals(0, t.map(pmap, va, pa, op.attr()));
                oracle.put(va, pa);
                pdes.add(va >>> 22);
            } else {
                pmap.remove(va, va + 0x1000L * op.count());
                // Independent statement of the kernel loop: stop at the first page without a page table.
                for (int i = 0; i < op.count(); i++) {
                    long v = va + 0x1000L * i;
                    if (!pdes.contains(v >>> 22)) {
                        break;
                    }
                    oracle.remove(v);
                }
            }
        }
        check(t, pmap, vaBase, paBase, oracle);
    }

    @Property(tries = 100)
    void riscvSv39AndSv48MatchOracle(@ForAll("ops") List<Op> ops) {
        for (RiscvFormat f : List.of(RiscvFormat.sv39(), RiscvFormat.sv48())) {
            SimTarget t = new SimTarget(0x80000000L, 64L << 20, 0x80100000L, 0x80400000L);
            RiscvPmap pmap = RiscvPmap.create(t.mem, RiscvPmap.kernel(t.mem, f, 0x80001000L), 0x80002000L);
            // Straddle a 1 GiB boundary so two level-1 tables are involved.
            runGeneric(t, pmap, 0x3F3F800000L, 0x81000000L, ops);
        }
    }

    @Property(tries = 50)
    void otherMmuFormatsMatchOracle(@ForAll("ops") List<Op> ops) {
        SimTarget a = new SimTarget(0x40000000L, 64L << 20, 0x40100000L, 0x40400000L);
        runGeneric(a, Aarch64Pmap.create(a.mem, Aarch64Pmap.kernel(a.mem, 0x40001000L, 0x40002000L), 0x40003000L),
                0x3FFF800000L, 0x41000000L, ops);
        SimTarget b = new SimTarget(0, 64L << 20, 0x100000, 0x400000);
        runGeneric(b, Armv7aPmap.create(b.mem, Armv7aPmap.kernel(b.mem, 0x4000), 0x8000), 0x10000000L, 0x1000000L,
                ops);
        SimTarget c = new SimTarget(0x40000000L, 64L << 20, 0x40100000L, 0x40400000L);
        SrmmuPmap s = SrmmuPmap.create(c.mem, SrmmuPmap.kernel(c.mem, 0x40000000L, 0x40000400L), 0x40002000L);
        s.switchTo();
        runGeneric(c, s, 0x20800000L, 0x41000000L, ops);
    }

    private static void runGeneric(SimTarget t, TablePmap pmap, long vaBase, long paBase, List<Op> ops) {
        Map<Long, Long> oracle = new TreeMap<>(Long::compareUnsigned);
        for (Op op : ops) {
            long va = vaBase + 0x1000L * op.page();
            if (op.enter()) {
                long pa = paBase + 0x1000L * op.frame();
                assertEquals(0, t.map(pmap, va, pa, op.attr()), pmap.format().name());
                oracle.put(va, pa);
            } else {
                pmap.remove(va, va + 0x1000L * op.count());
                for (int i = 0; i < op.count(); i++) {
                    oracle.remove(va + 0x1000L * i);
                }
            }
        }
        check(t, pmap, vaBase, paBase, oracle);
    }
}
