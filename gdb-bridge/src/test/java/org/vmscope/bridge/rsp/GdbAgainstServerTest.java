package org.vmscope.bridge.rsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The real gdb-multiarch as a client of our server. */
@Timeout(120)
class GdbAgainstServerTest {

    static String gdb() {
        String gdb = ExternalProcess.which("gdb-multiarch");
        assumeTrue(gdb != null, "gdb-multiarch not installed");
        return gdb;
    }

    /** gdb's x/Nxw line for {@code count} marker words starting at word {@code first}: hand-made oracle. */
    static String markerLine(long va, int first, int count) {
        StringBuilder s = new StringBuilder(String.format("0x%x:", va));
        for (int i = 0; i < count; i++) {
            s.append(String.format("\t0x%08x", 0xCAFE0000 | (first + i)));
        }
        return s.toString();
    }

    static List<String> gdbCommand(String gdb, int port, String... commands) {
        List<String> cmd = new java.util.ArrayList<>(List.of(gdb, "-nx", "-batch",
                "-ex", "set architecture riscv:rv64",
                "-ex", "target remote 127.0.0.1:" + port));
        for (String c : commands) {
            cmd.add("-ex");
            cmd.add(c);
        }
        return cmd;
    }

    @Test
    void gdbReadsServedMemoryAndRegisters() throws Exception {
        String gdb = gdb();
        InMemoryTarget t = InMemoryTarget.riscv64();
        try (RspServer server = new RspServer(t)) {
            int port = server.start();
            ExternalProcess.Result r = ExternalProcess.run(gdbCommand(gdb, port,
                    String.format("x/4xw 0x%x", InMemoryTarget.RV_MARKER_VA),
                    "info registers pc",
                    "info registers a0",
                    "p/x $satp",
                    String.format("x/2xg 0x%x", InMemoryTarget.RV_RAM + 0x40)), 60);
            String out = r.output();
            assertTrue(out.contains(markerLine(InMemoryTarget.RV_MARKER_VA, 0, 4)), out);
            assertTrue(Pattern.compile("(?m)^pc\\s+0x80000000\\s").matcher(out).find(), out);
            assertTrue(Pattern.compile("(?m)^a0\\s+0xa00a\\s").matcher(out).find(), out);
            assertTrue(out.contains("= 0x8000000000080009"), out);
            // two little-endian 64-bit words of the RAM pattern, computed here independently
            Matcher m = Pattern.compile("0x80000040:\\s+0x([0-9a-f]{16})\\s+0x([0-9a-f]{16})").matcher(out);
            assertTrue(m.find(), out);
            assertEquals(le64(InMemoryTarget.RV_RAM + 0x40), Long.parseUnsignedLong(m.group(1), 16));
            assertEquals(le64(InMemoryTarget.RV_RAM + 0x48), Long.parseUnsignedLong(m.group(2), 16));
            assertTrue(server.lastSessionError().isEmpty(), () -> server.lastSessionError().get().toString());
        }
    }

    @Test
    void gdbSeesAnErrorForUnmappedMemory() throws Exception {
        String gdb = gdb();
        try (RspServer server = new RspServer(InMemoryTarget.riscv64())) {
            int port = server.start();
            String out = ExternalProcess.run(gdbCommand(gdb, port,
                    String.format("x/1xw 0x%x", InMemoryTarget.RV_MARKER_VA + 0x2000)), 60).output();
            assertTrue(out.contains("Cannot access memory at address 0xffffffc0dead2000"), out);
        }
    }

    static long le64(long pa) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | (InMemoryTarget.byteAt(pa + i) & 0xff);
        }
        return v;
    }
}
