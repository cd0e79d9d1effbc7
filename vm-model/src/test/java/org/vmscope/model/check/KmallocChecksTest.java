package org.vmscope.model.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.vmscope.model.check.CheckFixture.assertCodes;
import static org.vmscope.model.check.CheckFixture.assertHealthy;
import static org.vmscope.model.check.CheckFixture.assertNames;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vmscope.model.kmalloc.Kmalloc;
import org.vmscope.model.zone.VmZone;

class KmallocChecksTest {
    private CheckFixture f;
    private Kmalloc km;
    private VmZone small;
    private VmZone full;

    @BeforeEach
    void healthy() throws Exception {
        f = CheckFixture.soft().typicalOps();
        km = f.k.kmalloc();
        long a = km.kmalloc(16);
        km.kmalloc(16);
        km.kmalloc(16);
        long b = km.kmalloc(2048);
        km.kmalloc(2048); // two blocks per zone: full, on the used list (after the one-block 8 KiB zone)
        small = km.zoneOf(a);
        full = km.zoneOf(b);
        assertEquals(3, small.used());
        assertEquals(2048, full.blocksz());
        KernelState st = f.state();
        assertEquals(List.of(), check(st));
        assertHealthy(Checks.run(st));
    }

    private static List<Problem> check(KernelState st) {
        return Checks.kmalloc(st.kmalloc(), st.phys(), st.kmap());
    }

    private ZoneState zone(KernelState st, VmZone z) {
        for (ZoneState s : st.kmalloc().zones().values()) {
            if (s.vaddr() == z.vaddr()) {
                return s;
            }
        }
        throw new AssertionError("no state for " + z);
    }

    /** Writes a free-list link into the block at {@code block} of zone {@code z}, in simulated RAM. */
    private void writeLink(VmZone z, long block, long value) throws Exception {
        byte[] w = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) value).array();
        f.k.phys().write(z.pages().addr() + (block - z.vaddr()), w);
    }

    @Test
    void zoneLabelNamesAddressAndClass() {
        assertEquals(String.format("zone 0x%08x (kmalloc class 4)", small.vaddr()), zone(f.state(), small).label());
    }

    @Test
    void cyclicZoneFreeListInRamIsReportedNotLoopedOn() throws Exception {
        long last = small.vaddr() + 255 * 16L;
        writeLink(small, last, small.first()); // the last free block points back at the first
        KernelState st = f.state();
        List<Problem> ps = check(st);
        assertCodes(ps, ProblemCode.ZONE_FREE_LIST_CORRUPT);
        assertNames(ps, ProblemCode.ZONE_FREE_LIST_CORRUPT, zone(st, small).label());
    }

    @Test
    void freeListLeavingTheZoneIsReported() throws Exception {
        writeLink(small, small.first(), 0x1234);
        assertCodes(check(f.state()), ProblemCode.ZONE_FREE_LIST_CORRUPT);
    }

    @Test
    void freeListSkippingABlockIsACountMismatch() throws Exception {
        writeLink(small, small.first(), small.first() + 32); // loses one free block
        KernelState st = f.state();
        List<Problem> ps = check(st);
        assertCodes(ps, ProblemCode.ZONE_COUNT_MISMATCH);
        assertEquals("free list holds 252 blocks, blocks - used = 253", ps.get(0).message());
    }

    @Test
    void brokenClassListLinkIsReported() {
        KernelState st = f.state();
        ZoneState z = zone(st, small);
        z.next = 999;
        List<Problem> ps = check(st);
        assertCodes(ps, ProblemCode.KMALLOC_ZONE_LIST_CORRUPT);
        assertNames(ps, ProblemCode.KMALLOC_ZONE_LIST_CORRUPT, z.label());
    }

    @Test
    void zoneOnTwoClassListsIsMisplaced() {
        KernelState st = f.state();
        assertEquals(0, st.kmalloc().sizes(5));
        st.kmalloc().sizes[5] = zone(st, small).id();
        List<Problem> ps = check(st);
        assertCodes(ps, ProblemCode.KMALLOC_ZONE_MISPLACED);
        assertNames(ps, ProblemCode.KMALLOC_ZONE_MISPLACED, zone(st, small).label());
    }

    @Test
    void fullZoneOnItsClassListIsMisplaced() {
        KernelState st = f.state();
        ZoneState z = zone(st, full);
        st.kmalloc().used = 0;
        st.kmalloc().sizes[11] = z.id();
        List<Problem> ps = check(st);
        assertCodes(ps, ProblemCode.KMALLOC_ZONE_MISPLACED);
        assertEquals("full (2/2) but on kmalloc sizes[11]", ps.get(0).message());
    }

    @Test
    void countersAreRecomputedFromZones() {
        KernelState st = f.state();
        // independent oracle: one 5000-byte block (8 KiB class), three 16-byte blocks, two 2 KiB blocks, and
        // the header blocks of the zones beyond the first (8 KiB, 16 B, 2 KiB: 3 * 64 bytes)
        assertEquals(8192 + 3 * 16 + 2 * 2048 + 3 * 64, st.kmalloc().allocBytes());
        st.kmalloc().allocsz += 16;
        assertCodes(check(st), ProblemCode.KMALLOC_ALLOCSZ_MISMATCH);
        st.kmalloc().allocsz -= 16;
        st.kmalloc().hdrblocks++;
        assertCodes(check(st), ProblemCode.KMALLOC_HDRBLOCKS_MISMATCH);
    }

    @Test
    void zoneMissingFromTheTreeIsReported() {
        KernelState st = f.state();
        ZoneState z = zone(st, small);
        st.kmalloc().tree.remove(z.id());
        List<Problem> ps = check(st);
        assertCodes(ps, ProblemCode.KMALLOC_TREE_MISMATCH);
        assertNames(ps, ProblemCode.KMALLOC_TREE_MISMATCH, z.label());
    }

    @Test
    void unmappedZoneIsReported() {
        f.k.kmap().munmap(small.vaddr(), small.pages().blockBytes());
        KernelState st = f.state();
        List<Problem> ps = check(st);
        assertCodes(ps, ProblemCode.ZONE_NOT_MAPPED);
        assertNames(ps, ProblemCode.ZONE_NOT_MAPPED, zone(st, small).label());
    }
}
