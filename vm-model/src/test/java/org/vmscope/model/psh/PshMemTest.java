package org.vmscope.model.psh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.vmscope.model.Arch;
import org.vmscope.model.kernel.Machine;
import org.vmscope.model.kernel.SimKernel;
import org.vmscope.model.map.EntryInfo;
import org.vmscope.model.page.PageRun;

class PshMemTest {

    @Test
    void summaryFormat() {
        // The docs' example: (2676+452)/131008KB 20/8046 entries
        assertEquals("(2676+452)/131008KB 20/8046 entries\n",
                PshMem.summary((2676 + 452) * 1024L, (131008 - 2676 - 452) * 1024L, 452 * 1024L, 8046, 8026));
    }

    @Test
    void pageRunsAndGapsBracketFromFour() {
        List<PageRun> runs = List.of(
                new PageRun(0x0000, 3, 'K', 2),      // KKK
                new PageRun(0x3000, 4, 'H', 0x62),   // [4H]
                new PageRun(0xA000, 1, '.', 1),      // gap of 3 -> xxx
                new PageRun(0xF000, 2, 'A', 4));     // gap of 4 -> [4x]
        assertEquals("KKK[4H]xxx.[4x]AA", PshMem.pages(runs, 12));
    }

    @Test
    void noGapBeforeTheFirstRun() {
        assertEquals("[16B]", PshMem.pages(List.of(new PageRun(0x80000000L, 16, 'B', 0)), 12));
    }

    @Test
    void ia32StandardMachineAfterBoot() throws Exception {
        // Hand-derived in SimKernelBootTest: after the map-entry pool took 19 more heap pages
        // (0x9C000-0x9D000, 0x98000-0x9B000, 0x16C000-0x16F000, 0x18000-0x1F000, 0x90000), and kmalloc's
        // first zone took the next single page, 0x91000.
        SimKernel k = SimKernel.boot(Machine.standard(Arch.IA32, 16 << 20));
        assertEquals("KCYPPS[16H]PP[8H][112.]HH[6.][6H]PB[80x][16B][64K][44A][4H][3728.][1044416x][64B]\n",
                PshMem.pages(k));
        // the three ia32 kernel segments are the only entries in use
        assertEquals("(612+324)/16320KB 3/1282 entries\n", PshMem.summary(k));
    }

    @Test
    void ia32KernelMapAfterBoot() throws Exception {
        SimKernel k = SimKernel.boot(Machine.standard(Arch.IA32, 16 << 20));
        String blank16 = " ".repeat(16);
        String expected = "SEGMENT          " + "  PROT  FLAGS  " + "          OFFSET" + "  OBJECT\n"
                // [_etext, top) + kmalloc's first zone: text is 192 KiB at 0xC0100000; top = 0xC0164000
                + "c0130000:c0164fff" + "  rw- " + "       " + "  " + blank16 + "  0.0\n"
                + "c0100000:c012ffff" + "  r-x " + "       " + "  " + blank16 + "  0.0\n"
                + "c0000000:c00fffff" + "  rw- " + "       " + "  " + blank16 + "  0.0\n";
        assertEquals(expected, PshMem.kernelMap(k));
    }

    @Test
    void processMapRowsLikeTheDocsExample() {
        // phoenix-vm.md §5.2: .data COW'd from a file shows its offset and the amap's anon bytes
        List<EntryInfo> entries = List.of(
                new EntryInfo(0x1000, 0x5000, 0x5000, 0, 3 | 8, 3 | 8, -1, EntryInfo.OBJECT_ANONYMOUS, 0, 0),
                new EntryInfo(0x08048000L, 0x20000, -1, 0, 5 | 8, 5 | 8, 0, EntryInfo.OBJECT_OID, 2, 3562),
                new EntryInfo(0x08068000L, 0x1000, 0x2000, 1 | 0x80, 3 | 8, 3 | 8, 0x20000, EntryInfo.OBJECT_OID, 2,
                        3562),
                new EntryInfo(0xbfff8000L, 0x8000, 0x8000, 0, 3 | 8, 3 | 8, -1, EntryInfo.OBJECT_MEMORY, 0, 0));
        String b16 = " ".repeat(16);
        String expected = "SEGMENT            PROT  FLAGS            OFFSET  OBJECT\n"
                + "bfff8000:bfffffff  rw-          " + b16 + "  mem/(32KB)\n"
                + "08068000:08068fff  rw-   C F    " + "           20000" + "  2.3562/(8KB)\n"
                + "08048000:08067fff  r-x          " + "               0" + "  2.3562\n"
                + "00001000:00005fff  rw-          " + b16 + "  (anonymous)\n";
        assertEquals(expected, PshMem.map(entries, 4));
    }

    @Test
    void sixtyFourBitSegmentColumnIs33Wide() {
        List<EntryInfo> entries = List.of(new EntryInfo(0xFFFFFFFFC0000000L, 0x1000, -1, 0, 5, 5, -1,
                EntryInfo.OBJECT_OID, 0, 0));
        String out = PshMem.map(entries, 8);
        assertEquals("SEGMENT" + " ".repeat(26) + "  PROT  FLAGS            OFFSET  OBJECT\n"
                + "ffffffffc0000000:ffffffffc0000fff  r-x          " + " ".repeat(16) + "  0.0\n", out);
    }

    @Test
    void nommuHasNoPageView() throws Exception {
        SimKernel k = SimKernel.boot(Machine.standard(Arch.ARMV7M, 16 << 20));
        assertEquals("mem: Page view unavailable\n", PshMem.pages(k));
    }
}
