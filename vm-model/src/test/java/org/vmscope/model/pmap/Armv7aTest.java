package org.vmscope.model.pmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class Armv7aTest {
    private static final int P = PageAttr.PRESENT;
    private static final int R = PageAttr.READ;
    private static final int W = PageAttr.WRITE;
    private static final int X = PageAttr.EXEC;
    private static final int U = PageAttr.USER;
    private final Armv7aShortFormat user = Armv7aShortFormat.ttbr0(1);

    @Test
    void handComputedDescriptors() {
        // Kernel RWX cached section: TEX=001 C B, AP[1:0]=01.
        assertEquals(0x1230140EL, user.encodeLeaf(0x12300000L, P | R | W | X, 0));
        // Read-only kernel supersection at PA 0x2_4000_0000: PA[35:32] in bits 23:20, XN, AP2.
        long ss = user.encodeSupersection(0x240000000L, P | R);
        assertEquals(0x4024941EL, ss);
        PageEntry e = user.decode(ss, 0);
        assertEquals(EntryKind.LEAF, e.kind());
        assertEquals(0x240000000L, e.pa());
        assertEquals(24, e.leafShift());
        assertEquals(P | R, e.attr());
        // User RW, no exec, small page: XN, AP0|AP1, nG, TEX=001 C B.
        assertEquals(0x0034587FL, user.encodeLeaf(0x00345000L, P | R | W | U, 1));
        // Phoenix's memory types.
        assertEquals(CacheType.DEVICE, user.decode(user.encodeLeaf(0x1000, P | R | PageAttr.DEV, 1), 1).cache());
        assertEquals(0x40L, user.encodeLeaf(0x1000, P | R | W | X | PageAttr.NOT_CACHED, 1) & 0x1CC);
        assertEquals(0L, user.encodeLeaf(0x1000, R | W, 1), "no PRESENT writes 0");
    }

    @Test
    void roundTrip() {
        for (int attr = 0; attr < 128; attr++) {
            for (int level = 0; level < 2; level++) {
                long pa = level == 0 ? 0x81200000L : 0x81234000L;
                PageEntry e = user.decode(user.encodeLeaf(pa, attr, level), level);
                if ((attr & P) == 0) {
                    assertEquals(EntryKind.INVALID, e.kind());
                    continue;
                }
                int cache = (attr & PageAttr.DEV) != 0 ? PageAttr.DEV : attr & PageAttr.NOT_CACHED;
                int rights = R | (attr & (W | X));
                assertEquals(P | rights | (attr & U) | cache, e.attr(), PageAttr.describe(attr));
                assertEquals((attr & U) != 0 ? rights : 0, e.userRights());
                assertEquals((attr & U) == 0, e.global(), "user pages are nG");
                assertEquals(pa, e.pa());
            }
            long lp = user.encodeLargePage(0x81230000L, attr | P);
            PageEntry e = user.decode(lp, 1);
            assertEquals(16, e.leafShift());
            assertEquals(0x81230000L, e.pa());
        }
    }

    @Test
    void fourL1EntriesPerTablePage() throws Exception {
        SimTarget t = new SimTarget(0, 64L << 20, 0x100000, 0x200000);
        Armv7aPmap k = Armv7aPmap.kernel(t.mem, 0x4000);
        Armv7aPmap u = Armv7aPmap.create(t.mem, k, 0x8000);
        assertEquals(0, u.enter(0x600000, 0x00401000L, P | R | W | U, 0x10000));
        PageTableWalker w = new PageTableWalker(t.mem);
        PagingRoot root = u.walkRoots().get(0);
        for (int k4 = 0; k4 < 4; k4++) {
            Translation tr = w.translate(root, 0x00400000L + ((long) k4 << 20));
            assertEquals(0x10000L + 0x400L * k4 | 1, tr.steps().get(0).raw(), "L1[" + (4 + k4) + "]");
        }
        // The second MiB uses the frame's second quarter without asking for a table.
        assertEquals(0, u.enter(0x601000, 0x00500000L, P | R | U, -1));
        Translation tr = w.translate(root, 0x00500000L);
        assertEquals(0x10400L, tr.steps().get(1).tablePa());
        assertEquals(0x601000L, u.resolve(0x00500000L));
        assertEquals(0x600000L, u.resolveRaw(0x00401000L) & ~0xfffL);
        assertEquals(List.of(0x10000L), u.destroy());
        assertEquals(0x805BL, u.ttbr0());
    }

    @Test
    void userPmapSharesKernelHalfThroughTtbr1() {
        SimTarget t = new SimTarget(0, 64L << 20, 0x100000, 0x200000);
        Armv7aPmap k = Armv7aPmap.kernel(t.mem, 0x4000);
        Armv7aPmap u = Armv7aPmap.create(t.mem, k, 0x8000);
        assertEquals(0, t.map(k, 0xC0000000L, 0x700000, P | R | X));
        assertEquals(0x700000L, u.resolve(0xC0000000L));
        PageTableWalker w = new PageTableWalker(t.mem);
        Translation kt = w.translate(k.walkRoots().get(0), 0xC0000123L);
        assertTrue(kt.mapped());
        assertEquals(0x700123L, kt.pa());
        // TTBR1 with N=1 does not translate the user half; TTBR0 does not reach the kernel half.
        assertFalse(w.translate(k.walkRoots().get(0), 0x1000).mapped());
        assertEquals(WalkProblem.Kind.NOT_TRANSLATED,
                w.translate(u.walkRoots().get(0), 0xC0000000L).problems().get(0).kind());
    }

    @Test
    void supersectionAndLargePagesWalkAsMergedRanges() throws Exception {
        SimTarget t = new SimTarget(0, 64L << 20, 0x100000, 0x200000);
        Armv7aShortFormat full = Armv7aShortFormat.fullTable();
        long l1 = 0x4000;
        long ss = full.encodeSupersection(0x41000000L, P | R | W);
        for (int i = 0; i < 16; i++) {
            t.write32(l1 + 4L * (0x900 + i), ss, false); // VA 0x90000000..0x90FFFFFF
        }
        t.write32(l1 + 4L * 0x910, full.encodeTable(0x20000, 0), false);
        long lp = full.encodeLargePage(0x50010000L, P | R | U);
        for (int i = 0; i < 16; i++) {
            t.write32(0x20000 + 4L * (0x10 + i), lp, false); // VA 0x91010000..0x9101FFFF
        }
        PageTableWalker w = new PageTableWalker(t.mem);
        AddressSpaceWalk walk = w.walk(new PagingRoot(full, l1));
        assertEquals(2, walk.ranges().size(), walk.ranges().toString());
        MappedRange a = walk.ranges().get(0);
        assertEquals(0x90000000L, a.va());
        assertEquals(0x41000000L, a.pa());
        assertEquals(16L << 20, a.size());
        MappedRange b = walk.ranges().get(1);
        assertEquals(0x91010000L, b.va());
        assertEquals(0x50010000L, b.pa());
        assertEquals(0x10000L, b.size());
        assertEquals(0x41123456L, w.translate(new PagingRoot(full, l1), 0x90123456L).pa());
        assertEquals(0x5001F00CL, w.translate(new PagingRoot(full, l1), 0x9101F00CL).pa());
        assertEquals(List.of(0x90300000L), walk.virtualAddressesOf(0x41300000L));
    }
}
