package org.vmscope.model.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vmscope.model.check.CheckFixture.PAGE;
import static org.vmscope.model.check.CheckFixture.USER;
import static org.vmscope.model.check.CheckFixture.assertCodes;
import static org.vmscope.model.check.CheckFixture.assertHealthy;
import static org.vmscope.model.check.CheckFixture.assertNames;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vmscope.model.map.Mman;

class MapChecksTest {
    private KernelState st;
    private MapState m;
    private List<EntryState> sorted;

    @BeforeEach
    void healthy() throws Exception {
        CheckFixture f = CheckFixture.soft().typicalOps();
        st = f.state();
        m = st.map(USER);
        sorted = m.inOrder();
        // independent oracle: 1 page r--, 1 page rw- (the mprotect split), 4 pages rw- after the hole, 4 at 1 GiB
        assertEquals(4, sorted.size());
        assertEquals(List.of(0x1000L, 0x2000L, 0x5000L, 0x40000000L), sorted.stream().map(EntryState::vaddr).toList());
        assertEquals(List.of(), check());
        assertHealthy(Checks.run(st));
    }

    private List<Problem> check() {
        return Checks.map(m, PAGE, st.amaps());
    }

    private EntryState leaf() {
        for (EntryState e : sorted) {
            if (e.left == PageArrayState.NIL && e.right == PageArrayState.NIL) {
                return e;
            }
        }
        throw new AssertionError("no leaf");
    }

    @Test
    void wrongGapIsReportedOnTheNodeHoldingIt() {
        EntryState e = leaf();
        e.lmaxgap += PAGE;
        List<Problem> ps = check();
        assertCodes(ps, ProblemCode.MAP_GAP_MISMATCH);
        assertNames(ps, ProblemCode.MAP_GAP_MISMATCH, m.subject(e));
        assertEquals(1, ps.size());
    }

    @Test
    void entrySubjectNamesRangeAndMap() {
        assertEquals("map_entry 0x40000000-0x40004000 in map of pid 1", m.subject(sorted.get(3)));
    }

    @Test
    void recolouredNodeBreaksRedBlackRules() {
        EntryState red = sorted.stream().filter(e -> !e.black).findFirst().orElseThrow();
        red.black = true;
        assertCodes(check(), ProblemCode.MAP_TREE_RB_VIOLATION);
    }

    @Test
    void redRootIsReported() {
        EntryState root = m.node(m.root);
        root.black = false;
        List<Problem> ps = check();
        assertCodes(ps, ProblemCode.MAP_TREE_RB_VIOLATION);
        assertNames(ps, ProblemCode.MAP_TREE_RB_VIOLATION, m.subject(root));
    }

    @Test
    void wrongParentLinkIsReported() {
        EntryState e = leaf();
        e.parent = e.slot;
        List<Problem> ps = check();
        assertCodes(ps, ProblemCode.MAP_TREE_LINK_CORRUPT);
        assertNames(ps, ProblemCode.MAP_TREE_LINK_CORRUPT, m.subject(e));
    }

    @Test
    void treeCycleIsReportedNotLoopedOn() {
        EntryState e = leaf();
        EntryState root = m.node(m.root);
        e.left = root.slot;
        List<Problem> ps = check();
        assertCodes(ps, ProblemCode.MAP_TREE_LINK_CORRUPT);
        assertNames(ps, ProblemCode.MAP_TREE_LINK_CORRUPT, m.subject(root));
    }

    @Test
    void childOutsideThePoolIsReported() {
        EntryState e = leaf();
        e.right = PageArrayState.BAD;
        assertCodes(check(), ProblemCode.MAP_TREE_LINK_CORRUPT);
    }

    @Test
    void overlappingEntriesAreReported() {
        EntryState first = sorted.get(0);
        first.size += PAGE; // now runs into the rw- page right after it
        List<Problem> ps = check();
        assertCodes(ps, ProblemCode.MAP_ENTRY_OVERLAP);
        assertNames(ps, ProblemCode.MAP_ENTRY_OVERLAP, m.subject(sorted.get(1)));
    }

    @Test
    void entryBelowTheMapStartIsReported() {
        EntryState first = sorted.get(0);
        first.vaddr = 0; // page 0 is the NULL guard outside every user map
        List<Problem> ps = check();
        assertCodes(ps, ProblemCode.MAP_ENTRY_OUTSIDE_MAP);
        assertNames(ps, ProblemCode.MAP_ENTRY_OUTSIDE_MAP, m.subject(first));
    }

    @Test
    void unalignedAmapOffsetIsReported() {
        EntryState e = sorted.get(2);
        e.aoffs += 0x800;
        List<Problem> ps = check();
        assertCodes(ps, ProblemCode.MAP_ENTRY_UNALIGNED);
        assertNames(ps, ProblemCode.MAP_ENTRY_UNALIGNED, m.subject(e));
    }

    @Test
    void protBeyondProtOrigIsReported() {
        EntryState e = sorted.get(1);
        assertEquals(CheckFixture.RWU, e.protOrig);
        e.prot |= Mman.PROT_EXEC;
        List<Problem> ps = check();
        assertCodes(ps, ProblemCode.MAP_ENTRY_PROT_EXCEEDS_ORIG);
        assertNames(ps, ProblemCode.MAP_ENTRY_PROT_EXCEEDS_ORIG, m.subject(e));
    }

    @Test
    void lowerProtIsFine() {
        EntryState e = sorted.get(0);
        assertEquals(CheckFixture.RU, e.prot);
        assertEquals(CheckFixture.RWU, e.protOrig, "mprotect lowers prot, protOrig stays");
    }

    @Test
    void foreignBackPointerIsReported() {
        EntryState e = sorted.get(3);
        e.map = st.kmap().id();
        List<Problem> ps = check();
        assertCodes(ps, ProblemCode.MAP_ENTRY_BAD_BACKPOINTER);
        assertNames(ps, ProblemCode.MAP_ENTRY_BAD_BACKPOINTER, m.subject(e));
    }

    @Test
    void sliceBeyondTheAmapIsReported() {
        EntryState e = sorted.get(3);
        AmapState a = st.amaps().get(e.amap);
        assertTrue(a.size() >= 4);
        e.aoffs = (a.size() - 1) * PAGE;
        List<Problem> ps = check();
        assertCodes(ps, ProblemCode.MAP_ENTRY_AMAP_RANGE);
        assertNames(ps, ProblemCode.MAP_ENTRY_AMAP_RANGE, m.subject(e));
    }
}
