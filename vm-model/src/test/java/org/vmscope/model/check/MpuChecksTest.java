package org.vmscope.model.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.vmscope.model.Arch;
import org.vmscope.model.kernel.BootException;
import org.vmscope.model.kernel.Machine;
import org.vmscope.model.kernel.ProgramImage;
import org.vmscope.model.kernel.SimKernel;
import org.vmscope.model.map.Errno;
import org.vmscope.model.pmap.mpu.MpuRegion;
import org.vmscope.model.pmap.mpu.MpuTable;
import org.vmscope.model.proc.Process;
import org.vmscope.model.proc.Processes;

/**
 * Per-process MPU regions (phoenix-vm.md §4.7): one loader region set per syspage map, {@code pmap_create}
 * starting from the kernel's code region, {@code pmap_addMap} for the process's map, {@code pmap_switch} enable
 * bits following the running process, and the coverage check of every entry.
 */
class MpuChecksTest {
    private static final long K = 1024;

    private static Processes boot(Arch arch, long ram) throws Exception {
        return new Processes(SimKernel.boot(Machine.standard(arch, ram).withSyspageMap("sram2", 0x10000000L, 32 * K)));
    }

    private static Process spawn(Processes ps, String name, int mapId) {
        ProgramImage img = ProgramImage.file(name, 2 * K, K, K, K);
        return ps.get((int) ps.spawn(name, img, null, ps.kernel().sharedMap(mapId)).value());
    }

    @Test
    void armv7mCoversEachMapWithAlignedPowerOfTwoRegions() throws Exception {
        // 192 KiB at 0x20000000 needs 128 KiB + 64 KiB; sram2 one 32 KiB region
        MpuTable t = boot(Arch.ARMV7M, 192 * K).kernel().mpu();
        List<MpuRegion> rs = t.active(t.allRegions());
        assertEquals(3, rs.size());
        assertEquals(0x20000000L, rs.get(0).base());
        assertEquals(0x2001FFFFL, rs.get(0).limit());
        assertEquals(0x20020000L, rs.get(1).base());
        assertEquals(0x2002FFFFL, rs.get(1).limit());
        assertEquals(0b011, t.maskOf(0));
        assertEquals(0b100, t.maskOf(1));
        assertTrue(t.checker(t.allRegions()).validate().isEmpty());
    }

    @Test
    void processMasksAreKernelCodePlusTheirMapAndFollowTheRunningProcess() throws Exception {
        Processes ps = boot(Arch.ARMV8M, 128 * K);
        Process a = spawn(ps, "a", 0);
        Process c = spawn(ps, "c", 1);
        assertEquals(0b01, a.pmapp().regions());
        assertEquals(0b11, c.pmapp().regions(), "kernelCodeRegion plus sram2's region");
        assertTrue(ps.touch(c, c.entries().head().vaddr(), true).isOk());
        assertTrue(ps.activeMpuRegions().get(1).enabled(), "switched to c: sram2 enabled");
        assertTrue(ps.touch(a, a.entries().head().vaddr(), false).isOk());
        assertFalse(ps.activeMpuRegions().get(1).enabled(), "switched to a: sram2 disabled");
        assertTrue(Checks.run(ps, null).stream().noneMatch(p -> p.code().name().startsWith("MPU")));
        // a reaching into sram2 is stopped by the MPU, not by the map
        assertEquals(Errno.EFAULT, ps.touch(a, c.entries().head().vaddr(), false).errno());
        assertFalse(a.alive());
        assertTrue(a.exitReason().contains("MPU"), a.exitReason());
    }

    @Test
    void coverageCheckNamesAnEntryOutsideTheEnabledRegions() throws Exception {
        Processes ps = boot(Arch.ARMV7M, 128 * K);
        Process c = spawn(ps, "c", 1);
        MpuTable t = ps.kernel().mpu();
        List<Problem> ok = MpuChecks.process(t, c.pmapp().regions(), c.entries().entries(), 512, "c");
        assertTrue(ok.isEmpty(), ok.toString());
        // as if pmap_addMap had not run for sram2: only the kernel's code region
        List<Problem> bad = MpuChecks.process(t, ps.kernel().kernelCodeRegions(), c.entries().entries(), 512, "c");
        assertEquals(c.entries().size(), bad.size());
        assertEquals(ProblemCode.MPU_ENTRY_UNCOVERED, bad.get(0).code());
        assertTrue(bad.get(0).message().contains("0x10000000"), bad.get(0).message());
    }

    @Test
    void mapsOffTheGranuleFailTheBoot() {
        Machine m = Machine.standard(Arch.ARMV7M, 128 * K).withSyspageMap("odd", 0x10000010L, 1024);
        BootException e = assertThrows(BootException.class, () -> SimKernel.boot(m));
        assertNotNull(e.getMessage());
        assertTrue(e.getMessage().contains("granule"), e.getMessage());
    }
}
