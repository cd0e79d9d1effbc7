package org.vmscope.model.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.vmscope.model.check.CheckFixture.PAGE;
import static org.vmscope.model.check.CheckFixture.USER;
import static org.vmscope.model.check.CheckFixture.assertCodes;
import static org.vmscope.model.check.CheckFixture.assertHealthy;
import static org.vmscope.model.check.CheckFixture.assertNames;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.vmscope.model.page.Page;
import org.vmscope.model.page.PageFlags;

class FrameOwnershipChecksTest {

    @Test
    void everyAllocatedFrameHasOneOwnerOnBothPmaps() throws Exception {
        assertHealthy(Checks.run(CheckFixture.soft().typicalOps().state()));
        assertHealthy(Checks.run(CheckFixture.hardware().typicalOps().state()));
    }

    @Test
    void bootedKernelsOfEveryArchitectureAreConsistent() throws Exception {
        for (var arch : org.vmscope.model.Arch.values()) {
            var k = org.vmscope.model.kernel.SimKernel.boot(org.vmscope.model.kernel.Machine.standard(arch,
                    arch.hasMmu() ? 16 << 20 : 256 << 10));
            assertEquals(List.of(), Checks.run(k), arch.id());
        }
    }

    @Test
    void droppedPageIsALeak() throws Exception {
        CheckFixture f = CheckFixture.soft().typicalOps();
        Page p = f.k.pages().alloc(PAGE, PageFlags.OWNER_APP); // allocated and forgotten
        KernelState st = f.state();
        List<Problem> ps = Checks.run(st);
        assertCodes(ps, ProblemCode.FRAME_UNOWNED, ProblemCode.AMAP_DANGLING_SLOT);
        assertNames(ps, ProblemCode.FRAME_UNOWNED, st.pages().subject(p.index()));
    }

    @Test
    void leakedPageTableShowsWithABaselineOnly() throws Exception {
        // issue #1266: pmap_destroy forgot a table; the page stays KERNEL|PTABLE with no pmap pointing at it
        CheckFixture f = CheckFixture.soft();
        Page t = f.k.pages().alloc(PAGE, PageFlags.OWNER_KERNEL | PageFlags.KERNEL_PTABLE);
        KernelState st = f.state();
        List<Problem> ps = Checks.run(st);
        assertCodes(ps, ProblemCode.FRAME_UNOWNED);
        assertNames(ps, ProblemCode.FRAME_UNOWNED, st.pages().subject(t.index()));
        // without a baseline, pages flagged exactly KERNEL|PTABLE pass as boot page tables
        assertEquals(List.of(), Checks.run(SimStates.of(f.k).map("pid 1", f.user).capture()));
    }

    @Test
    void frameOwnedTwiceIsReported() throws Exception {
        CheckFixture f = CheckFixture.soft().typicalOps();
        KernelState st0 = f.state();
        EntryState e = st0.map(USER).inOrder().get(3);
        AnonState anon = st0.anons().get(st0.amaps().get(e.amap()).slot(0));
        KernelState st = SimStates.of(f.k).map("pid 1", f.user).baseline(f.boot)
                .claim(FrameClaim.structure(anon.page(), PAGE, "message bounce page")).capture();
        List<Problem> ps = Checks.frames(st);
        assertCodes(ps, ProblemCode.FRAME_OWNED_TWICE);
        int i = st.pages().indexOf(anon.page());
        assertNames(ps, ProblemCode.FRAME_OWNED_TWICE, st.pages().subject(i));
    }

    @Test
    void ownerOfAFreeFrameIsReported() throws Exception {
        CheckFixture f = CheckFixture.soft();
        Page free = f.k.pages().listHead(12);
        assertNotNull(free);
        KernelState st = SimStates.of(f.k).map("pid 1", f.user).baseline(f.boot)
                .claim(FrameClaim.structure(free.addr(), PAGE, "stale page directory")).capture();
        List<Problem> ps = Checks.frames(st);
        assertCodes(ps, ProblemCode.FRAME_OWNER_CLAIMS_FREE_PAGE);
        assertNames(ps, ProblemCode.FRAME_OWNER_CLAIMS_FREE_PAGE, st.pages().subject(free.index()));
    }

    @Test
    void pageTablesOfAHardwarePmapAreFoundByWalkingThem() throws Exception {
        CheckFixture f = CheckFixture.hardware().typicalOps();
        KernelState st = f.state();
        // the user mappings at 0x1000 and 0x40000000 need two page tables below the user pdir
        long tables = st.claims().stream().filter(c -> c.owner().equals("page table of map of pid 1")).count();
        assertEquals(2, tables);
    }
}
