package org.vmscope.model.pmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vmscope.model.phys.RamBank;
import org.vmscope.model.phys.SimPhysicalMemory;

/** Hand-computed x86_64 entries; the tables below are the ones QEMU's gdbstub probe walked by hand. */
class X86_64Test {
    private static final int P = PageAttr.PRESENT;
    private static final int R = PageAttr.READ;
    private static final int W = PageAttr.WRITE;
    private static final int X = PageAttr.EXEC;
    private static final int U = PageAttr.USER;
    private final X86_64Format f = X86_64Format.standard();

    private static void put(SimPhysicalMemory mem, long pa, long raw) throws Exception {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (raw >>> (8 * i));
        }
        mem.write(pa, b);
    }

    /** The probe guest: CR3 0x101000, a 4K RW page, a 4K RO+NX page, a 1 GiB page and a 2 MiB NX page. */
    private static SimPhysicalMemory probeTables() throws Exception {
        SimPhysicalMemory mem = new SimPhysicalMemory(List.of(new RamBank(0, 16L << 20)));
        put(mem, 0x101000 + 402 * 8, 0x105003L); // PML4E[402] for 0xffffc900dead0000
        put(mem, 0x105000 + 3 * 8, 0x106003L); // PDPTE[3]
        put(mem, 0x106000 + 245 * 8, 0x107003L); // PDE[245]
        put(mem, 0x107000 + 208 * 8, 0x10a003L); // PTE[208]: RW
        put(mem, 0x107000 + 209 * 8, 0x800000000010b001L); // PTE[209]: RO, NX
        put(mem, 0x101000 + 273 * 8, 0x108003L); // PML4E[273] for 0xffff888000000000
        put(mem, 0x108000, 0x83L); // PDPTE[0]: 1 GiB page at 0
        put(mem, 0x108000 + 8, 0x109003L); // PDPTE[1]
        put(mem, 0x109000, 0x8000000000000083L); // PDE[0]: 2 MiB NX page at 0
        return mem;
    }

    @Test
    void walksTheProbeGuestsTablesLevelByLevel() throws Exception {
        PageTableWalker w = new PageTableWalker(probeTables());
        PagingRoot root = f.rootFromCr3(0x101000L | 0x18);
        assertEquals(0x101000L, root.tablePa());
        Translation t = w.translate(root, 0xffffc900dead0010L);
        assertTrue(t.mapped());
        assertEquals(0x10a010L, t.pa());
        assertEquals(4, t.steps().size());
        assertEquals(0x101c90L, t.steps().get(0).entryPa());
        assertEquals(402, t.steps().get(0).index());
        assertEquals(245, t.steps().get(2).index());
        assertEquals(208, t.steps().get(3).index());
        assertEquals(P | R | W | X, t.attr());

        Translation ro = w.translate(root, 0xffffc900dead1000L);
        assertEquals(0x10b000L, ro.pa());
        assertEquals(P | R, ro.attr(), "RO and NX");

        Translation giga = w.translate(root, 0xffff888000100000L);
        assertEquals(0x100000L, giga.pa());
        assertEquals(1L << 30, giga.pageSize());
        assertEquals(2, giga.steps().size());

        Translation mega = w.translate(root, 0xffff888040100000L);
        assertEquals(0x100000L, mega.pa());
        assertEquals(1L << 21, mega.pageSize());
        assertEquals(P | R | W, mega.attr(), "2M NX page");

        assertFalse(w.translate(root, 0xffffc900deac0000L).mapped());
        assertFalse(w.translate(root, 0x0000800000000000L).mapped(), "non-canonical");
    }

    @Test
    void fullWalkMergesAndSignExtends() throws Exception {
        AddressSpaceWalk walk = new PageTableWalker(probeTables()).walk(f.rootFromCr3(0x101000L));
        assertTrue(walk.problems().isEmpty(), walk.problems().toString());
        List<MappedRange> r = walk.ranges();
        assertEquals(4, r.size(), r.toString());
        assertEquals(0xffff888000000000L, r.get(0).va());
        assertEquals(1L << 30, r.get(0).size());
        assertEquals(0xffff888040000000L, r.get(1).va());
        assertEquals(0xffffc900dead0000L, r.get(2).va());
        assertEquals(0x10b000L, r.get(3).pa());
        assertEquals(List.of(0xffff888000100000L, 0xffff888040100000L), walk.virtualAddressesOf(0x100000L));
    }

    @Test
    void tableRightsNarrowLeaves() throws Exception {
        SimPhysicalMemory mem = new SimPhysicalMemory(List.of(new RamBank(0, 1L << 20)));
        put(mem, 0x1000, 0x2000L | 0x1); // PML4E: present, read-only, supervisor
        put(mem, 0x2000, 0x3000L | 0x7);
        put(mem, 0x3000, 0x4000L | 0x7 | X86_64Format.NX);
        put(mem, 0x4000, 0x5000L | 0x7); // PTE says user RW executable
        Translation t = new PageTableWalker(mem).translate(f.rootFromCr3(0x1000), 0x10);
        assertEquals(0x5010L, t.pa());
        assertEquals(P | R, t.attr(), "no W from the PML4E, no X from the PDE, no U from the PML4E");
        assertEquals(0, t.userRights());
    }

    @Test
    void encodeDecodeRoundTrip() {
        for (int attr = 0; attr < 128; attr++) {
            for (int level = 1; level < 4; level++) {
                long pa = 0x40000000L;
                PageEntry e = f.decode(f.encodeLeaf(pa, attr, level), level);
                if ((attr & P) == 0) {
                    assertEquals(EntryKind.INVALID, e.kind());
                    continue;
                }
                int cache = (attr & PageAttr.DEV) != 0 ? PageAttr.DEV : attr & PageAttr.NOT_CACHED;
                assertEquals(P | R | (attr & (W | X | U)) | cache, e.attr(), PageAttr.describe(attr));
                assertEquals(pa, e.pa());
                assertEquals(12 + 9 * (3 - level), e.leafShift());
            }
        }
        assertEquals(0x7007L, f.encodeTable(0x7000, 0));
        assertEquals(0x8000000000000083L, f.encodeLeaf(0, P | R | W, 2));
        assertThrows(IllegalArgumentException.class, () -> f.encodeLeaf(0, P, 0));
        assertThrows(IllegalArgumentException.class, () -> f.encodeLeaf(0x1000, P, 2));
    }

    @Test
    void reservedEncodings() {
        assertEquals(EntryKind.RESERVED, f.decode(0x83, 0).kind(), "PS in a PML4E");
        assertEquals(EntryKind.RESERVED, f.decode(0x00201083L, 1).kind(), "1G page with bit 21 set");
        assertEquals(EntryKind.LEAF, f.decode(0x00001083L, 1).kind(), "bit 12 is PAT, not address");
        assertEquals(EntryKind.RESERVED, new X86_64Format(false).decode(X86_64Format.NX | 0x3, 3).kind());
        PageEntry noNx = new X86_64Format(false).decode(0x5003, 3);
        assertEquals(P | R | W | X, noNx.attr());
        assertTrue(f.decode(0x5103, 3).global());
    }
}
