package org.vmscope.bridge.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vmscope.bridge.rsp.RspClient;
import org.vmscope.bridge.rsp.RspServer;
import org.vmscope.model.phys.MemoryAccessException;
import org.vmscope.model.pmap.MappedRange;
import org.vmscope.model.pmap.PageAttr;
import org.vmscope.model.pmap.RiscvFormat;
import org.vmscope.model.pmap.WalkProblem;

/** The mirror against our own RSP server serving hand-built Sv39 tables. */
@Timeout(60)
class MirrorSimTest {
    private static final int P = PageAttr.PRESENT;
    private static final int R = PageAttr.READ;
    private static final int W = PageAttr.WRITE;
    private static final int X = PageAttr.EXEC;
    private static final int U = PageAttr.USER;
    private static final long RAM = 0x80000000L;

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final RiscvFormat sv39 = RiscvFormat.sv39();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    /** The layout of the class comment above each test: five ranges, one alias. */
    private SimServedTarget target() {
        SimServedTarget t = SimServedTarget.riscv(16L << 20);
        long root = t.newTable();
        t.map(sv39, root, 0x80000000L, 0x80000000L, P | R | W | X, 0);
        t.map(sv39, root, 0xffffffc000200000L, 0x80400000L, P | R | W, 1);
        t.map(sv39, root, 0xffffffc080000000L, 0x80800000L, P | R | W, 2);
        t.map(sv39, root, 0xffffffc080001000L, 0x80801000L, P | R | W, 2);
        t.map(sv39, root, 0x2000L, 0x80802000L, P | R | U, 2);
        t.map(sv39, root, 0xffffffc080010000L, 0x80800000L, P | R, 2);
        t.registers.put(1, sv39.satp(root));
        t.registers.put(2, 1L);
        return t;
    }

    private RspServer serve(SimServedTarget t) throws Exception {
        RspServer s = new RspServer(t);
        toClose.add(s);
        s.start();
        return s;
    }

    private Mirror mirror(RspServer s, MirrorOptions o) throws Exception {
        Mirror m = Mirror.connect("127.0.0.1", s.port(), o);
        toClose.add(m);
        return m;
    }

    private static void range(MappedRange r, long va, long pa, long size, int attr) {
        assertEquals(va, r.va(), r.toString());
        assertEquals(pa, r.pa(), r.toString());
        assertEquals(size, r.size(), r.toString());
        assertEquals(attr, r.attr(), r.toString());
    }

    private static void expectTheFiveRanges(List<MappedRange> r) {
        assertEquals(5, r.size(), r.toString());
        range(r.get(0), 0x2000L, 0x80802000L, 0x1000, P | R | U);
        range(r.get(1), 0x80000000L, 0x80000000L, 1L << 30, P | R | W | X);
        range(r.get(2), 0xffffffc000200000L, 0x80400000L, 1L << 21, P | R | W);
        range(r.get(3), 0xffffffc080000000L, 0x80800000L, 0x2000, P | R | W);
        range(r.get(4), 0xffffffc080010000L, 0x80800000L, 0x1000, P | R);
    }

    @Test
    void walksMergesAndReversesWhatTheTargetHolds() throws Exception {
        SimServedTarget t = target();
        Mirror m = mirror(serve(t), MirrorOptions.defaults());
        assertEquals(TargetArch.RISCV64, m.paging().arch());
        assertEquals("satp", m.paging().roots().get(0).register());
        assertEquals(RAM + 0x100000, m.paging().roots().get(0).root().tablePa());
        MirrorWalk w = m.walk();
        assertTrue(w.problems().isEmpty(), w.problems().toString());
        assertFalse(w.partial());
        expectTheFiveRanges(w.ranges());
        // RAM came from info mtree -f; the phys mode is off again afterwards
        assertEquals(List.of(new org.vmscope.model.phys.RamBank(RAM, 16L << 20)), m.ram().banks());
        assertEquals("0", m.client().request("qqemu.PhyMemMode"));
        assertFalse(t.readOutsideRam());

        ReverseLookup rev = m.reverse(0x80800010L);
        // the identity gigapage maps it too
        assertEquals(List.of(0x80800010L, 0xffffffc080000010L, 0xffffffc080010010L),
                rev.hits().stream().map(ReverseHit::va).toList().stream().sorted(Long::compareUnsigned).toList());
    }

    @Test
    void translatesWithEveryLevel() throws Exception {
        Mirror m = mirror(serve(target()), MirrorOptions.defaults());
        VaTranslation v = m.translate(0xffffffc080000123L);
        assertTrue(v.mapped(), v.problems().toString());
        assertEquals(0x80800123L, v.translation().pa());
        assertEquals(3, v.translation().steps().size());
        long root = RAM + 0x100000;
        assertEquals(root + 258 * 8, v.translation().steps().get(0).entryPa());
        assertEquals(0, v.translation().steps().get(1).index());
        assertEquals(0, v.translation().steps().get(2).index());
        assertFalse(m.translate(0xffffffc080002000L).mapped());
        assertFalse(m.translate(0x0000004000000000L).mapped(), "non-canonical in Sv39");
    }

    @Test
    void oneStopReadsEachTablePageOnceUntilInvalidated() throws Exception {
        SimServedTarget t = target();
        Mirror m = mirror(serve(t), MirrorOptions.defaults());
        m.walk();
        ReadStats first = m.memory().stats();
        // root, one L1 table for the megapage, L1+L0 for the kernel pages, L1+L0 for 0x2000
        assertEquals(6 * 4096, first.bytesRead());
        assertEquals(t.physicalBytesRead(), first.bytesRead(), "the reader counts what reached the target");
        m.walk();
        m.translate(0xffffffc080000123L);
        assertEquals(first.bytesRead(), m.memory().stats().bytesRead(), "same stop: all from the cache");
        m.invalidate();
        m.walk();
        assertEquals(2 * first.bytesRead(), m.memory().stats().bytesRead());
    }

    @Test
    void tablesAndRootsOutsideRamAreNeverRead() throws Exception {
        SimServedTarget t = target();
        long root = RAM + 0x100000;
        // L0 entry 1 (VA 0x40000000) points at a "table" in the UART
        t.putEntry(sv39, root + 8, sv39.encodeTable(SimServedTarget.MMIO, 0));
        Mirror m = mirror(serve(t), MirrorOptions.defaults());
        MirrorWalk w = m.walk();
        assertTrue(w.walkProblems().stream().anyMatch(p -> p.kind() == WalkProblem.Kind.TABLE_OUTSIDE_RAM), w.problems().toString());
        expectTheFiveRanges(w.ranges());
        assertFalse(t.readOutsideRam());
        assertThrows(MemoryAccessException.class, () -> m.memory().read(SimServedTarget.MMIO, 4));
        assertThrows(MemoryAccessException.class, () -> m.memory().read(RAM + (16L << 20) - 2, 4), "crosses the end of RAM");
        assertFalse(t.readOutsideRam());

        Mirror bad = mirror(serve(target()), MirrorOptions.defaults().withRootPa(SimServedTarget.MMIO));
        MirrorWalk bw = bad.walk();
        assertEquals(WalkProblem.Kind.ROOT_OUTSIDE_RAM, bw.walkProblems().get(0).kind());
        assertTrue(bw.ranges().isEmpty());
        assertEquals(0, bad.memory().stats().bytesRead());
    }

    @Test
    void monitorXpChannelGivesTheSameWalk() throws Exception {
        SimServedTarget t = target();
        t.phymem = false;
        Mirror m = mirror(serve(t), MirrorOptions.defaults());
        assertEquals("xp", m.memory().channel().name());
        MirrorWalk w = m.walk();
        assertTrue(w.problems().isEmpty(), w.problems().toString());
        expectTheFiveRanges(w.ranges());
        assertFalse(t.readOutsideRam());
    }

    @Test
    void givenRamRangesReplaceTheMonitor() throws Exception {
        // only the first 1 MiB + the table pages are "RAM": the walk still works, other reads are refused
        Mirror m = mirror(serve(target()), MirrorOptions.defaults().withRam(RamLayout.parse("0x80100000:0x10000")));
        expectTheFiveRanges(m.walk().ranges());
        assertThrows(MemoryAccessException.class, () -> m.memory().read(RAM, 4));
    }

    @Test
    void budgetStopsReadingAndMarksTheWalkPartial() throws Exception {
        Mirror m = mirror(serve(target()), MirrorOptions.defaults().withBudgetBytes(3 * 4096));
        MirrorWalk w = m.walk();
        assertTrue(w.partial());
        assertTrue(m.memory().stats().bytesRead() <= 3 * 4096);
        assertTrue(w.problems().stream().anyMatch(p -> p.contains("budget")), w.problems().toString());
    }

    @Test
    void targetLostMidWalkGivesAPartialResult() throws Exception {
        RspServer s = serve(target());
        Mirror m = mirror(s, MirrorOptions.defaults());
        m.memory().setListener((pa, len, stats) -> s.close());
        MirrorWalk w = m.walk();
        assertTrue(w.partial());
        assertTrue(w.problems().stream().anyMatch(p -> p.contains("target lost")), w.problems().toString());
        assertTrue(w.ranges().size() < 5);
        assertTrue(m.memory().lost());
        VaTranslation v = m.translate(0x2000L);
        assertTrue(v.partial());
    }

    @Test
    void costIsCountedPerBatch() throws Exception {
        Mirror m = mirror(serve(target()), MirrorOptions.defaults());
        m.walk();
        ReadStats s = m.memory().stats();
        // tables 0x80100000..0x80105000: root | L1 tables 0x80101000, 0x80102000 and 0x80104000, read as one run
        // with the hole 0x80103000 (an L0 table) | L0 0x80105000 (0x80103000 is cached by then)
        assertEquals(3, s.wireReads(), s.toString());
        // two 2 KiB packets per page, plus switching the physical mode on and off
        assertEquals(6 * 2 + 2, s.roundTrips(), s.toString());
    }
}
