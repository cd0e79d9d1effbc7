package org.vmscope.model.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.vmscope.model.psh.PshMem;
import org.vmscope.model.script.Scenario;
import org.vmscope.model.script.ScenarioRun;

/** {@code mem -m PID} of scripted processes, byte for byte (psh format, phoenix-vm.md §5.2). */
class GoldenMemTest {
    private static final String B16 = " ".repeat(16);

    /** One row from §5.2's column rules: PROT padded to 4, FLAGS to 5, OFFSET right-aligned in 16. */
    private static String row(String seg, String prot, String flags, String offs, String obj) {
        return seg + "  " + (prot + "    ").substring(0, 4) + "  " + (flags + "     ").substring(0, 5) + "  "
                + " ".repeat(16 - offs.length()) + offs + "  " + obj + "\n";
    }

    private static ScenarioRun run(String text) {
        ScenarioRun r = Scenario.parse(text).start(null);
        assertNull(r.runToEnd());
        return r;
    }

    private static String mem(ScenarioRun r, int pid) {
        Processes ps = r.processes();
        return PshMem.map(ps.mapInfo(ps.get(pid)), r.kernel().arch().pointerBytes());
    }

    @Test
    void ia32ProcessLooksLikeTheDocsExample() {
        ScenarioRun r = run("""
                machine ia32 ram=16M
                spawn psh text=128K data=4K bss=4K stack=32K
                mmap psh 0 20K prot=rw flags=private,anonymous
                """);
        // the reference's §5.2 example, with the object id of this simulation's file server
        assertEquals("SEGMENT            PROT  FLAGS            OFFSET  OBJECT\n"
                + "bfff8000:bfffffff  rw-          " + B16 + "  (anonymous)\n"
                + "08069000:08069fff  rw-          " + B16 + "  (anonymous)\n"
                + "08068000:08068fff  rw-                     20000  2.3001/(8KB)\n"
                + "08048000:08067fff  r-x                         0  2.3001\n"
                + "00001000:00005fff  rw-          " + B16 + "  (anonymous)\n", mem(r, 1));
        assertEquals(row("08068000:08068fff", "rw-", "", "20000", "2.3001/(8KB)"),
                "08068000:08068fff  rw-                     20000  2.3001/(8KB)\n", "the row helper follows §5.2");
    }

    @Test
    void forkedParentShowsNeedsCopyAndChildItsOwnAmaps() {
        ScenarioRun r = run("""
                machine riscv64 ram=64M
                spawn sh text=64K data=8K bss=4K
                fork sh as child
                """);
        String head = "SEGMENT                            PROT  FLAGS            OFFSET  OBJECT\n";
        // parent: writable entries need copy; data+bss share one amap (12 KiB of anons)
        assertEquals(head
                + row("0000003fbfff8000:0000003fbfffffff", "rw-", "C", "", "(anonymous)")
                + row("0000000000022000:0000000000022fff", "rw-", "C", "", "(anonymous)")
                + row("0000000000020000:0000000000021fff", "rw-", "C", "10000", "2.3001/(12KB)")
                + row("0000000000010000:000000000001ffff", "r-x", "", "0", "2.3001"), mem(r, 1));
        // child: amap_create gave each writable entry its own amap with its slice: data has 8 KiB
        assertEquals(head
                + row("0000003fbfff8000:0000003fbfffffff", "rw-", "", "", "(anonymous)")
                + row("0000000000022000:0000000000022fff", "rw-", "", "", "(anonymous)")
                + row("0000000000020000:0000000000021fff", "rw-", "", "10000", "2.3001/(8KB)")
                + row("0000000000010000:000000000001ffff", "r-x", "", "0", "2.3001"), mem(r, 2));
    }

    @Test
    void kernelMapAfterASpawnHoldsThePdirWindow() {
        ScenarioRun r = run("""
                machine ia32 ram=16M
                spawn psh
                """);
        String k = PshMem.kernelMap(r.kernel());
        // low memory, text, and [_etext, top) grown by the kmalloc zones and the pdir window
        assertEquals(4, k.split("\n").length, k);
        assertEquals("c0000000:c00fffff  rw-          " + B16 + "  0.0", k.split("\n")[3]);
    }
}
