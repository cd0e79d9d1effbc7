package org.vmscope.model.pmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vmscope.model.phys.MemoryAccessException;

class Ia32Test {
    private static final int P = PageAttr.PRESENT;
    private static final int R = PageAttr.READ;
    private static final int W = PageAttr.WRITE;
    private static final int X = PageAttr.EXEC;
    private static final int U = PageAttr.USER;
    private final Ia32Format f = Ia32Format.standard();

    private SimTarget target() {
        return new SimTarget(0, 64L << 20, 0x100000, 0x200000);
    }

    @Test
    void handComputedPdeAndPteWords() throws Exception {
        SimTarget t = target();
        Ia32Pmap k = Ia32Pmap.kernel(t.mem, 0x1000);
        // VA 0x08048000: PDE 0x20, PTE 0x48.
        assertEquals(Pmap.NEEDS_TABLE, k.enter(0x00123000, 0x08048000L, P | R | W | U, -1));
        assertEquals(0, k.enter(0x00123000, 0x08048000L, P | R | W | U, 0x5000));
        Translation tr = new PageTableWalker(t.mem).translate(k.walkRoots().get(0), 0x08048abcL);
        assertEquals(0x5007L, tr.steps().get(0).raw(), "PDE = table | U | W | P");
        assertEquals(0x1000 + 0x20 * 4, tr.steps().get(0).entryPa());
        assertEquals(0x00123007L, tr.steps().get(1).raw(), "PTE = pa | U | W | P");
        assertEquals(0x5000 + 0x48 * 4, tr.steps().get(1).entryPa());
        assertEquals(0x00123abcL, tr.pa());
        // Device page: PCD|PWT; kernel read-only: no W, no U.
        assertEquals(0, k.enter(0x00200000, 0x08049000L, P | R | PageAttr.DEV, -1));
        assertEquals(0x00200019L, k.resolveRaw(0x08049000L));
        assertEquals(0x00200011L, f.encodeLeaf(0x00200000, P | R | PageAttr.NOT_CACHED, 1));
    }

    @Test
    void fourMegPsePage() {
        assertEquals(0x00400083L, f.encodeLeaf(0x00400000, P | R | W, 0));
        // PSE-36: PA 0x3_0040_0000 puts 3 in bits 13..
        long raw = f.encodeLeaf(0x300400000L, P | R, 0);
        assertEquals(0x00400081L | (3L << 13), raw);
        PageEntry e = f.decode(raw, 0);
        assertEquals(EntryKind.LEAF, e.kind());
        assertEquals(0x300400000L, e.pa());
        assertEquals(22, e.leafShift());
        // Without PSE the PS bit is ignored: a table pointer.
        assertEquals(EntryKind.TABLE, new Ia32Format(false).decode(0x00400083L, 0).kind());
    }

    @Test
    void roundTripEveryAttributeCombination() {
        for (int attr = 0; attr < 128; attr++) {
            for (int level = 0; level < 2; level++) {
                long pa = level == 0 ? 0x12400000L : 0x12345000L;
                PageEntry e = f.decode(f.encodeLeaf(pa, attr, level), level);
                if ((attr & P) == 0) {
                    assertEquals(EntryKind.INVALID, e.kind());
                    continue;
                }
                int cache = (attr & PageAttr.DEV) != 0 ? PageAttr.DEV : attr & PageAttr.NOT_CACHED;
                int expected = P | R | X | (attr & (W | U)) | cache;
                assertEquals(expected, e.attr(), "attr " + PageAttr.describe(attr));
                assertEquals(pa, e.pa());
                assertEquals((attr & U) != 0 ? R | X | (attr & W) : 0, e.userRights());
            }
        }
        assertEquals(0x7000L, f.decode(f.encodeTable(0x7000, 0), 0).pa());
    }

    @Test
    void enterAlwaysOrsPresent() {
        SimTarget t = target();
        Ia32Pmap k = Ia32Pmap.kernel(t.mem, 0x1000);
        // _page_init's NULL-page probe: attr without PRESENT still becomes a present mapping of frame 0.
        assertEquals(0, t.map(k, 0, 0, U));
        Translation tr = new PageTableWalker(t.mem).translate(k.walkRoots().get(0), 0x10);
        assertTrue(tr.mapped());
        assertEquals(0x10, tr.pa());
        assertEquals(0x5L, k.resolveRaw(0) & 0xfff, "PRESENT | USER");
    }

    @Test
    void createCopiesKernelPdes768To1022Only() throws MemoryAccessException {
        SimTarget t = target();
        Ia32Pmap k = Ia32Pmap.kernel(t.mem, 0x1000);
        assertEquals(0, t.map(k, 0xC0000000L, 0x300000, P | R | W));
        assertEquals(0, t.map(k, 0xFFC00000L, 0x301000, P | R | W));
        Ia32Pmap u = Ia32Pmap.create(t.mem, k, 0x2000);
        assertEquals(0x300000, u.resolve(0xC0000000L), "kernel table shared");
        assertEquals(0, u.resolve(0xFFC00000L), "PDE 1023 is not copied");
        // A kernel mapping added later lands in the shared table and is visible to the user pmap.
        assertEquals(0, t.map(k, 0xC0001000L, 0x302000, P | R));
        assertEquals(0x302000, u.resolve(0xC0001000L));
        // destroy returns only user page tables.
        assertEquals(0, t.map(u, 0x1000, 0x303000, P | R | U));
        assertEquals(0, t.map(u, 0x00800000L, 0x304000, P | R | U));
        List<Long> frames = u.destroy();
        assertEquals(2, frames.size());
        assertEquals(t.tableFrames.subList(t.tableFrames.size() - 2, t.tableFrames.size()), frames);
    }

    @Test
    void removeStopsAtFirstMissingPde() {
        SimTarget t = target();
        Ia32Pmap k = Ia32Pmap.kernel(t.mem, 0x1000);
        // Pages in PDE 1 and PDE 3; PDE 2 has no table.
        assertEquals(0, t.map(k, 0x007FF000L, 0x400000, P | R));
        assertEquals(0, t.map(k, 0x00C00000L, 0x401000, P | R));
        k.remove(0x007FF000L, 0x00C01000L);
        assertEquals(0, k.resolve(0x007FF000L), "first page removed");
        assertEquals(0x401000, k.resolve(0x00C00000L), "skipped after the missing PDE (kernel quirk)");
        // A range starting on a missing PDE removes nothing.
        assertEquals(0, t.map(k, 0x00C01000L, 0x402000, P | R));
        k.remove(0x00800000L, 0x00C02000L);
        assertEquals(0x402000, k.resolve(0x00C01000L));
        k.remove(0x00C00000L, 0x00C02000L);
        assertEquals(0, k.resolve(0x00C01000L));
    }

    @Test
    void cr3RootMasksFlags() {
        assertEquals(0x1000, f.rootFromCr3(0x1018).tablePa());
        assertFalse(f.geometry().translates(0x1_0000_0000L));
    }
}
