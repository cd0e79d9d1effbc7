package org.vmscope.model.pmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Aarch64Test {
    private static final int P = PageAttr.PRESENT;
    private static final int R = PageAttr.READ;
    private static final int W = PageAttr.WRITE;
    private static final int X = PageAttr.EXEC;
    private static final int U = PageAttr.USER;
    private final Aarch64Format f = Aarch64Format.phoenixUser();

    @Test
    void geometryFromVaWidth() {
        assertEquals(3, f.geometry().levels());
        assertEquals(1, f.hardwareLevel(0));
        assertEquals(39, f.geometry().vaBits());
        Aarch64Format f48 = new Aarch64Format(48, false, Aarch64Format.PHOENIX_MAIR);
        assertEquals(4, f48.geometry().levels());
        assertFalse(f48.geometry().leafAllowed(0), "no 512 GiB blocks with the 4 KiB granule");
        Aarch64Format k = Aarch64Format.phoenixKernelTtbr1();
        assertEquals(2, k.geometry().levels());
        assertEquals(0xFFFFFFFFC0000000L, k.geometry().firstVa());
    }

    @Test
    void handComputedTwoMegBlock() {
        // Kernel RW, cached, no exec, 2 MiB block at level 2 (geometry level 1).
        long d = f.encodeLeaf(0x40200000L, P | R | W, 1);
        assertEquals(0x0060000040200701L, d);
        PageEntry e = f.decode(d, 1);
        assertEquals(EntryKind.LEAF, e.kind());
        assertEquals(21, e.leafShift());
        assertEquals("2M block", e.note());
        assertEquals(P | R | W, e.attr());
        assertTrue(e.accessed());
        // A level-3 page has bits[1:0] = 11; user RX device page: AP1, AttrIndx 2, no XN.
        long pg = f.encodeLeaf(0x9000000L, P | R | X | U | PageAttr.DEV, 2);
        assertEquals(0x0000000009000000L | 0x3 | 0x40 | 0x80 | 0x300 | 0x400 | (2 << 2), pg);
        assertEquals(0L, f.encodeLeaf(0x1000, R | W, 2), "no PRESENT writes 0");
        assertEquals(0x5000L | 3, f.encodeTable(0x5000, 0));
    }

    @Test
    void reservedEncodings() {
        assertEquals(EntryKind.RESERVED, f.decode(0x40000001L, 2).kind(), "block bits at level 3");
        Aarch64Format f48 = new Aarch64Format(48, false, Aarch64Format.PHOENIX_MAIR);
        assertEquals(EntryKind.RESERVED, f48.decode(0x8000000001L, 0).kind(), "block at level 0");
        assertEquals(EntryKind.LEAF, f.decode(0x40000001L, 0).kind(), "1 GiB block at level 1");
    }

    @Test
    void roundTrip() {
        for (int attr = 0; attr < 128; attr++) {
            for (int level = 0; level < 3; level++) {
                long pa = 0x80000000L;
                PageEntry e = f.decode(f.encodeLeaf(pa, attr, level), level);
                if ((attr & P) == 0) {
                    assertEquals(EntryKind.INVALID, e.kind());
                    continue;
                }
                int rights = R | (attr & (W | X));
                int cache = attr & (PageAttr.DEV | PageAttr.NOT_CACHED);
                assertEquals(P | rights | (attr & U) | cache, e.attr(), PageAttr.describe(attr));
                assertEquals((attr & U) != 0 ? rights : 0, e.userRights());
                assertEquals(pa, e.pa());
            }
        }
    }

    @Test
    void pmapNeedsTwoTablesAndMarksUserPagesNotGlobal() {
        SimTarget t = new SimTarget(0x40000000L, 64L << 20, 0x40100000L, 0x40200000L);
        Aarch64Pmap k = Aarch64Pmap.kernel(t.mem, 0x40001000L, 0x40002000L);
        Aarch64Pmap u = Aarch64Pmap.create(t.mem, k, 0x40003000L);
        assertEquals(Pmap.NEEDS_TABLE, u.enter(0x40800000L, 0x400000L, P | R | W | U, -1));
        assertEquals(Pmap.NEEDS_TABLE, u.enter(0x40800000L, 0x400000L, P | R | W | U, 0x40010000L));
        assertEquals(0, u.enter(0x40800000L, 0x400000L, P | R | W | U, 0x40011000L));
        Translation tr = new PageTableWalker(t.mem).translate(u.walkRoots().get(0), 0x400010L);
        assertTrue(tr.mapped());
        assertEquals(0x40800010L, tr.pa());
        assertFalse(tr.leaf().global());
        assertEquals(3, tr.steps().size());
        assertEquals(java.util.List.of(0x40011000L, 0x40010000L), u.destroy());
        // Kernel mappings go through kernel_ttl1[511] -> kernel_ttl2; the TTBR1 root sees the same.
        assertEquals(0, t.map(k, 0xFFFFFFFFC0001000L, 0x40900000L, P | R | W));
        PageTableWalker w = new PageTableWalker(t.mem);
        assertEquals(0x40900000L, w.translate(k.walkRoots().get(0), 0xFFFFFFFFC0001000L).pa());
        Translation hw = w.translate(k.hardwareKernelRoot(), 0xFFFFFFFFC0001000L);
        assertEquals(0x40900000L, hw.pa());
        assertTrue(hw.leaf().global());
        assertEquals(2, hw.steps().size());
        assertEquals(0x40900000L, k.resolve(0xFFFFFFFFC0001000L));
        assertEquals(0x0001000040003000L, u.ttbr0(1));
    }

    @Test
    void blockWhereATableIsNeededIsRejected() throws Exception {
        SimTarget t = new SimTarget(0x40000000L, 64L << 20, 0x40100000L, 0x40200000L);
        Aarch64Pmap k = Aarch64Pmap.kernel(t.mem, 0x40001000L, 0x40002000L);
        Aarch64Pmap u = Aarch64Pmap.create(t.mem, k, 0x40003000L);
        t.write64(0x40003000L, f.encodeLeaf(0x80000000L, P | R, 0)); // 1 GiB block at VA 0
        assertEquals(TablePmap.EINVAL, u.enter(0x40800000L, 0x1000, P | R, 0x40010000L));
        assertEquals(0x80001000L, u.resolve(0x1000));
        AddressSpaceWalk walk = new PageTableWalker(t.mem).walk(u.walkRoots().get(0));
        assertEquals(1L << 30, walk.mappedBytes());
    }
}
