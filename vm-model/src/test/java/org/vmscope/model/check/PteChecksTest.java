package org.vmscope.model.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.vmscope.model.check.CheckFixture.PAGE;
import static org.vmscope.model.check.CheckFixture.RWU;
import static org.vmscope.model.check.CheckFixture.USER;
import static org.vmscope.model.check.CheckFixture.assertCodes;
import static org.vmscope.model.check.CheckFixture.assertNames;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vmscope.model.map.Mman;
import org.vmscope.model.object.VmObject;
import org.vmscope.model.page.Page;
import org.vmscope.model.pmap.PageAttr;
import org.vmscope.model.pmap.Pmap;

/** PTEs of real ia32 tables in simulated RAM, corrupted through the pmap or by writing table bytes. */
class PteChecksTest {
    private static final int URW = PageAttr.PRESENT | PageAttr.READ | PageAttr.WRITE | PageAttr.USER;

    private CheckFixture f;
    private Pmap pmap;

    @BeforeEach
    void healthy() throws Exception {
        f = CheckFixture.hardware().typicalOps();
        pmap = f.user.pmap();
        KernelState st = f.state();
        assertEquals(List.of(), Checks.ptes(st));
        // 6 + 4 populated pages in the user map, all seen by the walk
        long mapped = st.map(USER).translations().ranges().stream().mapToLong(r -> r.size()).sum();
        assertEquals(10 * PAGE, mapped);
    }

    private static String pte(long va) {
        return String.format("PTE va 0x%08x in %s", va, USER);
    }

    /** A private PHYSMEM mapping populated writable is served by the anon that copied the frame (amap_page). */
    @Test
    void copiedPhysmemPageIsExpectedFromItsAnon() {
        long source = pmap.resolve(0x40000000L);
        long va = f.user.mmap(0x60000000L, null, PAGE, RWU, VmObject.PHYSMEM, source, Mman.MAP_NEEDSCOPY);
        assertEquals(0x60000000L, va);
        assertNotEquals(source, pmap.resolve(va), "populated writable: a private copy, not the frame itself");
        assertEquals(List.of(), Checks.ptes(f.state()));
    }

    @Test
    void pteInTheUnmappedHoleIsReported() {
        long frame = pmap.resolve(0x1000);
        assertEquals(0, pmap.enter(frame, 0x3000, URW, -1)); // the hole munmap punched at 0x3000-0x5000
        List<Problem> ps = Checks.ptes(f.state());
        assertCodes(ps, ProblemCode.PTE_WITHOUT_ENTRY);
        assertNames(ps, ProblemCode.PTE_WITHOUT_ENTRY, pte(0x3000));
    }

    @Test
    void pteToAnotherProcessPageIsAFrameMismatch() {
        long other = pmap.resolve(0x40000000L);
        pmap.enter(other, 0x5000, URW, -1);
        List<Problem> ps = Checks.ptes(f.state());
        assertCodes(ps, ProblemCode.PTE_FRAME_MISMATCH);
        assertNames(ps, ProblemCode.PTE_FRAME_MISMATCH, pte(0x5000));
    }

    @Test
    void pteToAFreeFrameIsReported() {
        Page free = f.k.pages().listHead(12);
        pmap.enter(free.addr(), 0x5000, URW, -1);
        List<Problem> ps = Checks.ptes(f.state());
        assertCodes(ps, ProblemCode.PTE_MAPS_FREE_FRAME);
        assertNames(ps, ProblemCode.PTE_MAPS_FREE_FRAME, pte(0x5000));
    }

    @Test
    void writablePteOfAReadOnlyEntryIsReported() {
        long frame = pmap.resolve(0x1000); // mprotect made [0x1000, 0x2000) read-only
        pmap.enter(frame, 0x1000, URW, -1);
        List<Problem> ps = Checks.ptes(f.state());
        assertCodes(ps, ProblemCode.PTE_WRITE_NOT_ALLOWED);
        assertNames(ps, ProblemCode.PTE_WRITE_NOT_ALLOWED, pte(0x1000));
    }

    @Test
    void pdePointingOutsideRamIsAWalkProblem() throws Exception {
        long pdir = pmap.root();
        // PDE 256 (0x40000000) now names a table at 3 GiB, outside the 16 MiB of RAM
        byte[] pde = {0x07, 0, 0, (byte) 0xC0};
        f.k.phys().write(pdir + 256 * 4, pde);
        List<Problem> ps = Checks.ptes(f.state());
        assertCodes(ps, ProblemCode.PTE_WALK_PROBLEM);
        assertEquals("page tables of map of pid 1 at va 0x40000000", ps.get(0).subject());
    }
}
