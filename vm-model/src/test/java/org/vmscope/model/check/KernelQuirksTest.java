package org.vmscope.model.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vmscope.model.check.CheckFixture.PAGE;
import static org.vmscope.model.check.CheckFixture.RU;
import static org.vmscope.model.check.CheckFixture.RWU;
import static org.vmscope.model.check.CheckFixture.USER;
import static org.vmscope.model.check.CheckFixture.assertCodes;
import static org.vmscope.model.check.CheckFixture.assertHealthy;
import static org.vmscope.model.check.CheckFixture.assertNames;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.vmscope.model.map.MapEntry;

/** Documented kernel behaviour the model reproduces, and what the checks make of it. */
class KernelQuirksTest {

    /**
     * §3.6 / PR #817: the snapshot's mprotect merges neighbours with equal protOrig, object and flags without
     * checking amap continuity. Two adjacent anonymous entries with their own amaps become one entry whose slice
     * runs past its amap; the second amap is put without putting its anons, so their frames lose every owner,
     * and the merged entry's PTEs there map frames its amap does not account for.
     */
    @Test
    void mprotectMergingForeignAmapsIsCaught() throws Exception {
        CheckFixture f = CheckFixture.soft();
        // 116 slots is the minimum amap on 32-bit: a 116-page mapping fills its amap, so the next one gets its own
        long a = f.user.mmap(0, null, 116 * PAGE, RWU, null, -1, 0);
        long b = f.user.mmap(0, null, 2 * PAGE, RWU, null, -1, 0);
        assertEquals(a + 116 * PAGE, b);
        List<MapEntry> es = f.user.entries();
        assertEquals(2, es.size());
        assertNotSame(es.get(0).amap(), es.get(1).amap());
        assertHealthy(Checks.run(f.state()));
        assertTrue(ChecksPropertyTest.mergesForeignAmaps(f.user, a, 118 * PAGE));

        assertEquals(0, f.user.mprotect(a, 118 * PAGE, RU));
        KernelState st = f.state();
        List<Problem> ps = Checks.run(st);
        assertCodes(ps, ProblemCode.MAP_ENTRY_AMAP_RANGE, ProblemCode.FRAME_UNOWNED, ProblemCode.PTE_FRAME_MISMATCH);
        MapState m = st.map(USER);
        assertNames(ps, ProblemCode.MAP_ENTRY_AMAP_RANGE, m.subject(m.inOrder().get(0)));
        assertEquals(2, ps.stream().filter(p -> p.code() == ProblemCode.PTE_FRAME_MISMATCH).count(),
                "the two pages of the swallowed entry");
    }
}
