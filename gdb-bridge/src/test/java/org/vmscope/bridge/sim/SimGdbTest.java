package org.vmscope.bridge.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vmscope.model.Arch;
import org.vmscope.model.kernel.SimKernel;

/**
 * The real gdb-multiarch attached to served kernels: it reads the paging root register, a kernel VA the test
 * mapped, and a physical dump through {@code monitor xp}; every expected value is computed here from what
 * the test wrote.
 */
@Timeout(180)
class SimGdbTest {

    /** The paging root register and its value, computed by hand from the fixture's table frame. */
    static String[] root(Arch arch) {
        long t = SimFixture.kernelRoot(arch);
        return switch (arch) {
            case IA32 -> new String[] {"cr3", hex(t)};
            case RISCV64 -> new String[] {"satp", hex((8L << 60) | (t >>> 12))};
            case AARCH64 -> new String[] {"TTBR1_EL1", hex(t)};
            case ARMV7A -> new String[] {"TTBR1_EL1", hex(t | 0x5b)};
            case SPARCV8LEON -> new String[] {"ctpr", hex((t >>> 6) << 2)};
            default -> throw new IllegalArgumentException();
        };
    }

    static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    /** gdb's {@code x/4xw} line for the marker's first four words. */
    static String xLine(SimFixture.Marker m, int count) {
        StringBuilder s = new StringBuilder(String.format("0x%x:", m.va()));
        for (int i = 0; i < count; i++) {
            s.append(String.format("\t0x%08x", m.word(i)));
        }
        return s.toString();
    }

    /** QEMU's {@code xp /4xw} line: 16 hex digits of PA, then the words. */
    static String xpLine(SimFixture.Marker m, int count) {
        StringBuilder s = new StringBuilder(String.format("%016x:", m.pa()));
        for (int i = 0; i < count; i++) {
            s.append(String.format(" 0x%08x", m.word(i)));
        }
        return s.toString();
    }

    @ParameterizedTest
    @EnumSource(value = Arch.class, names = {"IA32", "RISCV64", "AARCH64", "ARMV7A", "SPARCV8LEON"})
    void gdbReadsRootRegisterVirtualAndPhysicalMemory(Arch arch) throws Exception {
        SimKernel k = SimFixture.boot(arch);
        SimFixture.Marker m = SimFixture.kernelMarker(k, 2, 0xCAFE0000);
        SimulatedTarget target = new SimulatedTarget(k);
        String[] root = root(arch);
        try (SimGdbServer s = SimGdbServer.start(target, "127.0.0.1:0", null)) {
            String out = Gdb.run(target, s.port(),
                    "p/x $" + root[0],
                    String.format("x/4xw 0x%x", m.va()),
                    String.format("monitor xp /4xw 0x%x", m.pa()),
                    String.format("monitor gva2gpa 0x%x", m.va() + 0x1004),
                    String.format("x/1xw 0x%x", m.va() + m.bytes()));
            assertTrue(Pattern.compile("(?m)^\\$1 = " + root[1] + "$").matcher(out).find(), out);
            assertTrue(out.contains(xLine(m, 4)), out);
            assertTrue(out.contains(xpLine(m, 4)), out);
            assertTrue(out.contains(String.format("gpa: 0x%x", m.pa() + 0x1004)), out);
            assertTrue(out.contains(String.format("Cannot access memory at address 0x%x", m.va() + m.bytes())), out);
            assertTrue(s.server().lastSessionError().isEmpty(), () -> s.server().lastSessionError().get().toString());
        }
    }

    @Test
    void gdbReadsCortexMMemoryIdentityMapped() throws Exception {
        SimKernel k = SimFixture.boot(Arch.ARMV7M);
        long pa = 0x20008000L;
        k.phys().write(pa, new byte[] {0x78, 0x56, 0x34, 0x12, (byte) 0xef, (byte) 0xbe, (byte) 0xad, (byte) 0xde});
        SimulatedTarget target = new SimulatedTarget(k);
        try (SimGdbServer s = SimGdbServer.start(target, "127.0.0.1:0", null)) {
            String out = Gdb.run(target, s.port(), "p/x $xpsr", String.format("x/2xw 0x%x", pa),
                    String.format("monitor xp /2xw 0x%x", pa));
            assertTrue(out.contains("$1 = 0x1000000"), out);
            assertTrue(out.contains("0x20008000:\t0x12345678\t0xdeadbeef"), out);
            assertTrue(out.contains("0000000020008000: 0x12345678 0xdeadbeef"), out);
        }
    }

    @Test
    void gdbStepsAndContinuesAScenario() throws Exception {
        SimKernel k = SimFixture.boot(Arch.RISCV64);
        SimRunControlTest.MappingScenario scenario = new SimRunControlTest.MappingScenario(k, 3);
        SimulatedTarget target = new SimulatedTarget(k, scenario, null);
        try (SimGdbServer s = SimGdbServer.start(target, "127.0.0.1:0", null)) {
            String out = Gdb.run(target, s.port(), "stepi", "monitor info registers", "continue",
                    "monitor info registers");
            assertEquals(3, target.stepsRun(), out);
            assertTrue(out.contains("Program received signal SIGTRAP"), out);
            assertTrue(s.server().lastSessionError().isEmpty(), () -> s.server().lastSessionError().get().toString());
        }
    }
}
