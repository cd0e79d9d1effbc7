package org.vmscope.model.pmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RiscvTest {
    private static final int P = PageAttr.PRESENT;
    private static final int R = PageAttr.READ;
    private static final int W = PageAttr.WRITE;
    private static final int X = PageAttr.EXEC;
    private static final int U = PageAttr.USER;

    @Test
    void sv39AndSv48IndexSplit() {
        PagingGeometry g39 = RiscvFormat.sv39().geometry();
        PagingGeometry g48 = RiscvFormat.sv48().geometry();
        long va = 0x0000001234567000L; // below 2^38: canonical in both
        assertEquals(0x048, g39.index(va, 0));
        assertEquals(0x1A2, g39.index(va, 1));
        assertEquals(0x167, g39.index(va, 2));
        assertEquals(0x000, g48.index(va, 0));
        assertEquals(0x048, g48.index(va, 1));
        assertEquals(0x1A2, g48.index(va, 2));
        assertEquals(0x167, g48.index(va, 3));
        // 0xC000203000 (bits 39 and 38 set) exists only in Sv48.
        long high = 0x000000C000203000L;
        assertFalse(g39.translates(high), "non-canonical in Sv39");
        assertTrue(g48.translates(high));
        assertEquals(1, g48.index(high, 0));
        assertEquals(0x100, g48.index(high, 1));
        assertEquals(1, g48.index(high, 2));
        assertEquals(3, g48.index(high, 3));
        // Sign extension: the top half of Sv39 starts at 0xFFFFFFC000000000.
        assertEquals(0xFFFFFFC000000000L, g39.canonical(1L << 38));
        assertTrue(g39.translates(0xFFFFFFFFC0000000L));
        assertEquals(511, g39.index(0xFFFFFFFFC0000000L, 0));
    }

    @Test
    void handComputedPte() {
        RiscvFormat f = RiscvFormat.sv39();
        assertEquals(0x200800D7L, f.encodeLeaf(0x80200000L, P | R | W | U, 2));
        assertEquals(0x200800C7L, f.encodeLeaf(0x80200000L, P | W, 2), "W implies R");
        assertEquals(0x20080001L, f.encodeTable(0x80200000L, 0), "non-leaf is V only");
        // A 1 GiB gigapage at level 0 and a 2 MiB megapage at level 1.
        PageEntry giga = f.decode(f.encodeLeaf(0x80000000L, P | R | X, 0), 0);
        assertEquals(30, giga.leafShift());
        assertEquals(0x80000000L, giga.pa());
        assertEquals(EntryKind.RESERVED, f.decode(((0x80200000L >>> 12) << 10) | 0xC3, 0).kind(),
                "misaligned gigapage");
        assertEquals(EntryKind.RESERVED, f.decode(0x05, 1).kind(), "W without R");
        assertEquals(EntryKind.RESERVED, f.decode(0x01, 2).kind(), "pointer at the last level");
        assertEquals(EntryKind.TABLE, f.decode(0x01, 1).kind());
    }

    @Test
    void satpDecodesTheMode() {
        RiscvFormat.Satp s = RiscvFormat.decodeSatp((9L << 60) | (5L << 44) | 0x80200L);
        assertEquals(RiscvFormat.sv48(), s.root().format());
        assertEquals(0x80200000L, s.root().tablePa());
        assertEquals(5, s.asid());
        assertEquals(RiscvFormat.sv39(), RiscvFormat.decodeSatp(8L << 60).root().format());
        assertNull(RiscvFormat.decodeSatp(0).root());
        assertFalse(RiscvFormat.decodeSatp(11L << 60).problem().isEmpty());
    }

    @Test
    void roundTrip() {
        for (RiscvFormat f : List.of(RiscvFormat.sv39(), RiscvFormat.sv48())) {
            for (int attr = 0; attr < 128; attr++) {
                for (int level = 0; level < f.geometry().levels(); level++) {
                    long pa = 0x10000000000L;
                    PageEntry e = f.decode(f.encodeLeaf(pa, attr, level), level);
                    int rwx = attr & (R | W | X);
                    if ((attr & P) == 0) {
                        assertEquals(EntryKind.INVALID, e.kind());
                    } else if (rwx == 0) {
                        assertEquals(level == f.geometry().lastLevel() ? EntryKind.RESERVED : EntryKind.TABLE,
                                e.kind(), "no R/W/X is a pointer");
                    } else {
                        int rights = rwx | ((attr & W) != 0 ? R : 0);
                        assertEquals(P | rights | (attr & U), e.attr(), PageAttr.describe(attr));
                        assertEquals(pa, e.pa());
                        assertTrue(e.accessed() && e.dirty(), "A and D preset");
                    }
                }
            }
        }
    }

    @Test
    void pmapSetsValidAlwaysAndCopiesKernelEntries() {
        SimTarget t = new SimTarget(0x80000000L, 64L << 20, 0x80100000L, 0x80200000L);
        RiscvPmap k = RiscvPmap.kernel(t.mem, RiscvFormat.sv39(), 0x80001000L);
        assertEquals(0, t.map(k, 0x3FC0000000L, 0x80400000L, P | R | X));
        assertEquals(0, t.map(k, 0xFFFFFFFFC0000000L, 0x80500000L, P | R | W));
        RiscvPmap u = RiscvPmap.create(t.mem, k, 0x80002000L);
        assertTrue(u.kernelShared());
        assertEquals(0x80400000L, u.resolve(0x3FC0000000L));
        assertEquals(0x80500000L, u.resolve(0xFFFFFFFFC0000000L));
        // Without PGHD_PRESENT the leaf still has V (kernel quirk).
        assertEquals(0, t.map(u, 0x10000, 0x80600000L, R | U));
        Translation tr = new PageTableWalker(t.mem).translate(u.walkRoots().get(0), 0x10000);
        assertTrue(tr.mapped());
        assertEquals(0x201800D3L, tr.leaf().raw());
        assertEquals(2, u.destroy().size());
        assertEquals((8L << 60) | 0x80002L, u.satp());
    }

    @Test
    void sv48KernelRangeSharesTopEntryWithUsers() {
        SimTarget t = new SimTarget(0x80000000L, 64L << 20, 0x80100000L, 0x80200000L);
        RiscvPmap k = RiscvPmap.kernel(t.mem, RiscvFormat.sv48(), 0x80001000L);
        assertEquals(0, t.map(k, 0x3FC0000000L, 0x80400000L, P | R | X));
        RiscvPmap u = RiscvPmap.create(t.mem, k, 0x80002000L);
        assertFalse(u.kernelShared());
        assertEquals(0, u.resolve(0x3FC0000000L));
        assertEquals(0, t.map(u, 0x10000, 0x80600000L, P | R | U));
        assertEquals(3, u.destroy().size(), "L2, L1 and L0 tables of user entry 0");
        assertEquals(0x80400000L, k.resolve(0x3FC0000000L), "kernel tables untouched");
    }
}
