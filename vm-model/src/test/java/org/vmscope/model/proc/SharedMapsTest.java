package org.vmscope.model.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.vmscope.model.Arch;
import org.vmscope.model.kernel.Machine;
import org.vmscope.model.kernel.ProgramImage;
import org.vmscope.model.kernel.SimKernel;
import org.vmscope.model.map.MapEntry;
import org.vmscope.model.map.Mman;
import org.vmscope.model.psh.PshMem;

/**
 * NOMMU shared maps (phoenix-vm.md §2.9, §3.3, §3.5, §5.1, §5.2): one map per syspage map, entries owned through
 * per-process rings, merging only within one owner, destroy releasing only the owner's entries of that map.
 * Addresses are derived by hand from the standard 128 KiB armv7m machine: the kernel map's loader entry
 * [0x20000000, 0x20004800), the heap segment up to 0x20006600 (bss 0x200065b8 rounded to 512 B).
 */
class SharedMapsTest {
    private static final long K = 1024;
    private static final int RW = Mman.PROT_READ | Mman.PROT_WRITE;
    private static final int ANON = Mman.MAP_ANONYMOUS;

    private static Processes boot() throws Exception {
        Machine m = Machine.standard(Arch.ARMV7M, 128 * K).withSyspageMap("sram2", 0x10000000L, 32 * K);
        return new Processes(SimKernel.boot(m));
    }

    private static ProgramImage image(String name) {
        return ProgramImage.file(name, 2 * K, K, K, K);
    }

    private static Process spawn(Processes ps, String name) {
        return ps.get((int) ps.spawn(name, image(name), null).value());
    }

    /** One {@code mem -m} row of an anonymous entry without offset, as psh lays it out. */
    private static String row(String seg, String prot) {
        return seg + "  " + prot + " " + "  " + "     " + "  " + " ".repeat(16) + "  (anonymous)\n";
    }

    private static final String HEADER = "SEGMENT          " + "  PROT  FLAGS  " + "          OFFSET" + "  OBJECT\n";

    @Test
    void bootMakesOneSharedMapPerSyspageMap() throws Exception {
        SimKernel k = boot().kernel();
        assertEquals(2, k.sharedMaps().size());
        assertSame(k.kmap(), k.sharedMap(0));
        assertEquals(0x10000000L, k.sharedMap(1).start());
        assertEquals(0x10008000L, k.sharedMap(1).stop());
        assertTrue(k.sharedMap(1).entries().isEmpty(), "sram2 has no loader entries");
        assertEquals(0x20006600L, k.kmap().entries().get(1).end());
        String expected = "All maps:\n"
                + "\tTotal: 160 KiB (163840 bytes)\n"
                + "\tFree:  134 KiB (137728 bytes)\n"
                + "\nMap #0: ram\n"
                + "\tSize:     128 KiB (131072 bytes)\n"
                + "\tAlloc:    25 KiB (26112 bytes)\n"
                + "\tFree:     102 KiB (104960 bytes)\n"
                + "\tPhysical: 0x20000000:0x20020000\n"
                + "\tVirtual:  0x20000000:0x20020000\n"
                + "\nMap #1: sram2\n"
                + "\tSize:     32 KiB (32768 bytes)\n"
                + "\tAlloc:    0 B (0 bytes)\n"
                + "\tFree:     32 KiB (32768 bytes)\n"
                + "\tPhysical: 0x10000000:0x10008000\n"
                + "\tVirtual:  0x10000000:0x10008000\n";
        assertEquals(expected, PshMem.shared(k));
    }

    @Test
    void mmuTargetsHaveNoSharedMaps() throws Exception {
        SimKernel k = SimKernel.boot(Machine.standard(Arch.IA32, 16L << 20));
        assertEquals("mem: no shared memory maps are present\n", PshMem.shared(k));
    }

    @Test
    void entriesOfDifferentProcessesNeverMergeAndRingsKeepInsertionOrder() throws Exception {
        Processes ps = boot();
        Process a = spawn(ps, "a");
        Process b = spawn(ps, "b");
        // a: text [0x20006600, +2K), data+bss+stack merged [0x20006e00, +3K); b right after
        assertEquals(2, a.entries().size());
        assertEquals(0x20007a00L, b.entries().head().vaddr());
        long v = ps.mmap(a, 0, K, RW, ANON, null, 0).value();
        assertEquals(0x20008e00L, v, "first fit above b's data, which has the same prot and flags");
        MapEntry e = ps.kernel().kmap().entryAt(v);
        assertSame(a, e.process(), "not merged into b's entry");
        assertEquals(K, e.size());
        assertTrue(ps.exit(b).isOk());
        // read-only, so it cannot merge into a's own data entry just below
        long w = ps.mmap(a, 0, 2 * K, Mman.PROT_READ, ANON, null, 0).value();
        assertEquals(0x20007a00L, w, "gap search reuses b's text range");
        // ring order (text, data, 0x20008e00, 0x20007a00), printed backwards
        String expected = HEADER
                + row("20007a00:200081ff", "r--")
                + row("20008e00:200091ff", "rw-")
                + row("20006e00:200079ff", "rw-")
                + row("20006600:20006dff", "r-x");
        assertEquals(expected, PshMem.map(ps.mapInfo(a), 4));
        assertEquals(2 * K + 3 * K + K + 2 * K, ps.vmem(a));
    }

    @Test
    void exitReleasesOnlyTheProcessEntriesOfItsMap() throws Exception {
        Processes ps = boot();
        SimKernel k = ps.kernel();
        int boot = k.entryPool().free();
        Process a = spawn(ps, "a");
        Process b = ps.get((int) ps.spawn("b", image("b"), null, k.sharedMap(1)).value());
        assertSame(k.sharedMap(1), b.mapp());
        assertEquals(0x10000000L, b.entries().head().vaddr(), "b lives in sram2 from its start");
        List<MapEntry> bEntries = k.sharedMap(1).entries();
        assertTrue(ps.exit(a).isOk());
        assertEquals(bEntries, k.sharedMap(1).entries());
        assertEquals(2, k.kmap().entries().size(), "kernel map back to its boot entries");
        assertTrue(ps.exit(b).isOk());
        assertEquals(boot, k.entryPool().free());
    }

    @Test
    void munmapSplitKeepsTheEntryOwnerSoExitFreesBothPieces() throws Exception {
        Processes ps = boot();
        int boot = ps.kernel().entryPool().free();
        Process a = spawn(ps, "a");
        long v = ps.mmap(a, 0, 4 * K, RW, ANON, null, 0).value();
        // a kernel thread unmaps the middle: the upper piece still belongs to a (PR #508)
        assertTrue(ps.munmap(null, v + K, K).isOk());
        MapEntry upper = ps.kernel().kmap().entryAt(v + 2 * K);
        assertSame(a, upper.process());
        assertTrue(ps.exit(a).isOk());
        assertEquals(boot, ps.kernel().entryPool().free());
    }

    @Test
    void mprotectSplitsGoToTheCallerAndLeakWhenTheCallerIsTheKernel() throws Exception {
        Processes ps = boot();
        SimKernel k = ps.kernel();
        int boot = k.entryPool().free();
        Process a = spawn(ps, "a");
        long v = ps.mmap(a, 0, 4 * K, RW, ANON, null, 0).value();
        // vm_mprotect splits with proc_current()->process: a kernel thread owns nothing
        assertTrue(ps.mprotect(null, v + K, K, Mman.PROT_READ).isOk());
        assertNull(k.kmap().entryAt(v + K).process());
        assertNull(k.kmap().entryAt(v + 2 * K).process());
        assertSame(a, k.kmap().entryAt(v).process());
        assertTrue(ps.exit(a).isOk());
        assertEquals(boot - 2, k.entryPool().free(), "the two pieces outlive their process");
        assertEquals(3 * K, k.kmap().entryAt(v + K).size() + k.kmap().entryAt(v + 2 * K).size());
    }
}
