package org.vmscope.bridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmscope.bridge.sim.Gdb;

/** {@code vmscope sim --serve}: real gdb-multiarch attaches, steps the scenario, and kills the target. */
class SimServeCommandTest {
    private static final Pattern SERVING = Pattern.compile("GDB server on 127\\.0\\.0\\.1:(\\d+)");

    @Test
    void gdbStepsTheScenarioOverTheServedTarget(@TempDir Path dir) throws Exception {
        Gdb.path(); // skips when gdb-multiarch is absent
        Path script = dir.resolve("two.vmsim");
        Files.writeString(script, "machine riscv64 ram=64M\nspawn init\nspawn server\n");
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> new Main().run(
                List.of("sim", "--script", script.toString(), "--serve", "127.0.0.1:0"), out, err));

        int port = -1;
        for (int i = 0; i < 200 && port < 0; i++) {
            Matcher m = SERVING.matcher(outBytes.toString(StandardCharsets.UTF_8));
            if (m.find()) {
                port = Integer.parseInt(m.group(1));
            } else {
                Thread.sleep(50);
            }
        }
        assertTrue(port > 0, "server announced: " + outBytes + errBytes);

        // one stepi runs one scenario line (the first spawn); kill ends the session
        String gdb = Gdb.run(List.of("set architecture riscv:rv64"), port, "p/x $satp", "stepi", "kill");
        assertTrue(gdb.matches("(?s).*\\$1 = 0x[89][0-9a-f]{15}.*"), "satp in Sv39/Sv48 mode:\n" + gdb);

        assertEquals(0, exit.get(60, TimeUnit.SECONDS), errBytes.toString(StandardCharsets.UTF_8));
        String printed = outBytes.toString(StandardCharsets.UTF_8);
        // after the server, the rest of the scenario ran: both spawned processes exist
        assertTrue(printed.contains("entries"), printed);
    }
}
