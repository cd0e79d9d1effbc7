package org.vmscope.bridge.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vmscope.model.phys.RamBank;

class RamLayoutTest {

    /** Trimmed from qemu-system-x86_64 -m 2G: an SMM view before the system one, ROM holes in low RAM. */
    private static final String X86_MTREE = """
            FlatView #0
             AS "I/O", root: io
             Root memory region: io
              0000000000000000-0000000000000007 (prio 0, i/o): dma-chan
            FlatView #1
             AS "cpu-smm-0", root: memory
             Root memory region: memory
              0000000000000000-00000000000c2fff (prio 0, ram): pc.ram
              00000000fee00000-00000000feefffff (prio 0, ram): smram-only
            FlatView #2
             AS "memory", root: system
             AS "cpu-memory-0", root: system
             Root memory region: system
              0000000000000000-00000000000c2fff (prio 0, ram): pc.ram
              00000000000c3000-00000000000e7fff (prio 0, rom): pc.ram @00000000000c3000
              00000000000e8000-00000000000effff (prio 0, ram): pc.ram @00000000000e8000
              00000000000f0000-00000000000fffff (prio 0, rom): pc.ram @00000000000f0000
              0000000000100000-000000007fffffff (prio 0, ram): pc.ram @0000000000100000
              00000000fd000000-00000000fdffffff (prio 1, ram): vga.vram KVM
              00000000fec00000-00000000fec00fff (prio 0, i/o): ioapic
              00000000fffc0000-00000000ffffffff (prio 0, rom): pc.bios
            FlatView #3
             AS "i440FX", root: bus master container
             Root memory region: (none)
              No rendered FlatView
            """;

    @Test
    void systemAddressSpaceRamOnly() {
        RamLayout r = RamLayout.fromMtree(X86_MTREE);
        assertEquals(List.of(new RamBank(0, 0xc3000), new RamBank(0xe8000, 0x8000), new RamBank(0x100000, 0x7ff00000L),
                new RamBank(0xfd000000L, 0x1000000)), r.banks());
        assertTrue(r.contains(0x101000, 4096));
        assertFalse(r.contains(0xc3000, 1), "ROM");
        assertFalse(r.contains(0xfee00000L, 1), "only in the SMM view");
        assertFalse(r.contains(0x7ffff000L, 0x2000), "crosses the end");
    }

    @Test
    void armVirtFlashIsNotRam() {
        RamLayout r = RamLayout.fromMtree("""
                FlatView #1
                 AS "memory", root: system
                 Root memory region: system
                  0000000000000000-0000000003ffffff (prio 0, romd): virt.flash0
                  0000000009000000-0000000009000fff (prio 0, i/o): pl011
                  0000000040000000-00000000bfffffff (prio 0, ram): mach-virt.ram
                """);
        assertEquals(List.of(new RamBank(0x40000000L, 0x80000000L)), r.banks());
    }

    @Test
    void badMtreeIsAClearError() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RamLayout.fromMtree("unknown command"))
                .getMessage().contains("AS \"memory\""));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RamLayout.fromMtree(
                "FlatView #0\n AS \"memory\", root: system\n")).getMessage().contains("no ram"));
    }

    @Test
    void userSpecMergesAdjacentBanks() {
        RamLayout r = RamLayout.parse("0x80000000:1M, 0x80100000:0x100000,0x0:4096");
        assertEquals(List.of(new RamBank(0, 4096), new RamBank(0x80000000L, 0x200000)), r.banks());
        assertTrue(r.contains(0x800ff000L, 0x2000), "spans the merged banks");
        assertEquals("0x0:0x1000,0x80000000:0x200000", r.toString());
        assertEquals(2L << 30, RamLayout.parse("0x40000000:2G").totalBytes());
        for (String bad : List.of("", "0x1000", "0x1000:", "x:1", "0x1000:0", "0xffffffffffff0000:1M")) {
            assertThrows(IllegalArgumentException.class, () -> RamLayout.parse(bad), bad);
        }
    }
}
