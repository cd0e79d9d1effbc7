package org.vmscope.model.pmap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SrmmuTest {
    private static final int P = PageAttr.PRESENT;
    private static final int R = PageAttr.READ;
    private static final int W = PageAttr.WRITE;
    private static final int X = PageAttr.EXEC;
    private static final int U = PageAttr.USER;
    private final SrmmuFormat f = SrmmuFormat.contextRooted();

    @Test
    void handComputedDescriptorsAreBigEndian() {
        assertEquals(0x04000101L, f.encodeTable(0x40001000L, 1));
        long pte = f.encodeLeaf(0x40123000L, P | R | W | U, 3);
        assertEquals(0x04012386L, pte);
        assertArrayEquals(new byte[] {0x04, 0x01, 0x23, (byte) 0x86}, f.entryBytes(pte));
        assertEquals(pte, f.entryAt(new byte[] {0x04, 0x01, 0x23, (byte) 0x86}, 0));
        assertEquals(0x40001000L, f.decode(0x04000101L, 1).pa());
        assertEquals(EntryKind.RESERVED, f.decode(0x04000101L, 3).kind(), "PTD at level 3");
        assertEquals(EntryKind.RESERVED, f.decode(3, 1).kind());
        assertEquals(0x40000000L, SrmmuFormat.contextTableFromCtpr(0x04000000L));
    }

    @Test
    void accessCodesFollowPhoenixAndTheV8Table() {
        assertEquals(SrmmuFormat.ACC_USER_RO, SrmmuFormat.accessOf(U | R));
        assertEquals(SrmmuFormat.ACC_USER_RW, SrmmuFormat.accessOf(U | W));
        assertEquals(SrmmuFormat.ACC_USER_XO, SrmmuFormat.accessOf(U | X));
        assertEquals(SrmmuFormat.ACC_USER_RO, SrmmuFormat.accessOf(U | W | X), "W|X falls to RO");
        assertEquals(SrmmuFormat.ACC_SUPER_RW, SrmmuFormat.accessOf(R), "kernel RO becomes RW");
        assertEquals(SrmmuFormat.ACC_SUPER_RWX, SrmmuFormat.accessOf(X));
        // ACC 5 (kernel RW) also lets user mode read: visible in userRights.
        PageEntry e = f.decode(f.encodeLeaf(0x40000000L, P | R | W, 3), 3);
        assertEquals(R, e.userRights());
        assertEquals(P | R | W | U, e.attr());
        PageEntry sx = f.decode(f.encodeLeaf(0x40000000L, P | R | X, 3), 3);
        assertEquals(0, sx.userRights());
        assertEquals(P | R | X, sx.attr());
        // Not-present leaves keep their bits with ET = 0.
        long np = f.encodeLeaf(0x40123000L, R | U, 3);
        assertEquals(EntryKind.INVALID, f.decode(np, 3).kind());
        assertEquals(0x04012380L, np);
        assertEquals(CacheType.NON_CACHEABLE, f.decode(f.encodeLeaf(0, P | R | PageAttr.DEV, 3), 3).cache());
    }

    @Test
    void roundTripUserAttributes() {
        int[][] cases = {{U | R, U | R}, {U | R | W, U | R | W}, {U | R | X, U | R | X}, {U | R | W | X, U | R | W | X},
            {U | X, U | X}, {R | X, R | X}, {R | W | X, R | W | X}};
        for (int[] c : cases) {
            for (int level = 0; level < 4; level++) {
                long pa = level == 0 ? 0 : 0x40000000L;
                PageEntry e = f.decode(f.encodeLeaf(pa, c[0] | P, level), level);
                assertEquals(c[1] | P, e.attr(), PageAttr.describe(c[0]));
                assertEquals(pa, e.pa());
                assertEquals(f.geometry().shift(level), e.leafShift());
            }
        }
    }

    @Test
    void pmapEnterErrnosCopyQuirkAndContexts() throws Exception {
        SimTarget t = new SimTarget(0x40000000L, 64L << 20, 0x40100000L, 0x40200000L);
        SrmmuPmap k = SrmmuPmap.kernel(t.mem, 0x40000000L, 0x40000400L);
        assertEquals(0, k.context());
        assertEquals(TablePmap.ENOMEM, k.enter(0x40800000L, 0xC0000000L, P | R | W, -1), "missing L2");
        assertEquals(Pmap.NEEDS_TABLE, k.enter(0x40800000L, 0xC0000000L, P | R | W, 0x40010000L), "missing L3");
        assertEquals(0, k.enter(0x40800000L, 0xC0000000L, P | R | W, 0x40011000L));
        assertEquals(0, t.map(k, 0xD0000000L, 0x40801000L, P | R | W));
        SrmmuPmap u = SrmmuPmap.create(t.mem, k, 0x40002000L);
        assertEquals(0x40800000L, u.resolve(0xC0000000L));
        assertEquals(0, u.resolve(0xD0000000L), "only 16 kernel L1 entries are copied");
        assertEquals(SrmmuPmap.CONTEXT_INVALID, u.context());
        assertEquals(0, t.map(u, 0x10000, 0x40900000L, P | R | U));
        u.switchTo();
        assertEquals(1, u.context());
        PageTableWalker w = new PageTableWalker(t.mem);
        PagingRoot root = u.walkRoots().get(0);
        assertEquals(0x40000004L, root.tablePa());
        Translation tr = w.translate(root, 0x10abc);
        assertTrue(tr.mapped());
        assertEquals(0x40900abcL, tr.pa());
        assertEquals(4, tr.steps().size(), "context slot, L1, L2, L3");
        assertEquals(List.of(t.tableFrames.get(t.tableFrames.size() - 1), t.tableFrames.get(t.tableFrames.size() - 2)),
                u.destroy());
        assertEquals(SrmmuPmap.CONTEXT_INVALID, u.context());
        SrmmuPmap u2 = SrmmuPmap.create(t.mem, k, 0x40003000L);
        u2.switchTo();
        assertEquals(1, u2.context(), "freed context reused");
    }

    @Test
    void contextLevelPteMapsFourGiB() throws Exception {
        SimTarget t = new SimTarget(0x40000000L, 64L << 20, 0x40100000L, 0x40200000L);
        t.write32(0x40000000L + 4 * 7, f.encodeLeaf(0, P | R | W | X, 0), true);
        Translation tr = new PageTableWalker(t.mem).translate(SrmmuFormat.contextRoot(0x40000000L, 7), 0x12345678L);
        assertEquals(0x12345678L, tr.pa());
        assertEquals(32, tr.leaf().leafShift());
    }
}
