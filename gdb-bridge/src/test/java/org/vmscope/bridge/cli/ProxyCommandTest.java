package org.vmscope.bridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.vmscope.bridge.sim.Gdb;
import org.vmscope.bridge.sim.SimGdbServer;
import org.vmscope.model.Arch;
import org.vmscope.model.kernel.Machine;
import org.vmscope.model.kernel.SimKernel;

/** {@code vmscope proxy} between real gdb-multiarch and our simulated target's GDB server. */
class ProxyCommandTest {
    private static final Pattern LISTENING = Pattern.compile("proxy on 127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern STOP = Pattern.compile("stop 1 \\(\\S+\\): (\\d+) ranges, (\\d+) bytes read");

    @Test
    void gdbSeesTheTargetAndEachStopIsMirrored() throws Exception {
        Gdb.path(); // skips when gdb-multiarch is absent
        SimKernel kernel = SimKernel.boot(Machine.standard(Arch.RISCV64, 64L << 20));
        ByteArrayOutputStream serverLog = new ByteArrayOutputStream();
        try (SimGdbServer server = SimGdbServer.start(kernel, "127.0.0.1:0",
                new PrintStream(serverLog, true, StandardCharsets.UTF_8))) {
            ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
            ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> new Main().run(
                    List.of("proxy", "--listen", "0", "--target", "127.0.0.1:" + server.port(), "--sessions", "1"),
                    out, new PrintStream(errBytes, true, StandardCharsets.UTF_8)));
            int port = -1;
            for (int i = 0; i < 200 && port < 0; i++) {
                Matcher m = LISTENING.matcher(outBytes.toString(StandardCharsets.UTF_8));
                if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                } else {
                    Thread.sleep(50);
                }
            }
            assertTrue(port > 0, "proxy announced: " + outBytes + errBytes);

            String gdb = Gdb.run(List.of("set architecture riscv:rv64"), port, "p/x $satp", "x/2xw 0x3fc0000000", "detach");
            // what gdb reads through the proxy is the target's own: satp points at the kernel's root table
            long satp = server.target().register("satp").orElseThrow();
            assertTrue(gdb.contains(String.format("$1 = 0x%x", satp)), gdb);

            assertEquals(0, exit.get(60, TimeUnit.SECONDS), errBytes.toString(StandardCharsets.UTF_8));
            Matcher stop = STOP.matcher(outBytes.toString(StandardCharsets.UTF_8));
            assertTrue(stop.find(), "a mirror line for the first stop:\n" + outBytes);
            assertTrue(Integer.parseInt(stop.group(1)) > 0, "the kernel's mappings were walked");
            assertTrue(Long.parseLong(stop.group(2)) >= 4096, "at least the root table was read");
        }
    }

    @Test
    void refusesToListenBeyondLoopback() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new Main().run(List.of("proxy", "--listen", "0.0.0.0:1234", "--target", "127.0.0.1:1"),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, exit);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("loopback only"), err.toString(StandardCharsets.UTF_8));
    }
}
