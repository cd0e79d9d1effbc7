package org.vmscope.bridge.sim;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** gdb-multiarch in batch mode against a local port; every run is bounded. */
public final class Gdb {
    private Gdb() {
    }

    public static String path() {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                File f = new File(dir, "gdb-multiarch");
                if (f.isFile() && f.canExecute()) {
                    return f.getAbsolutePath();
                }
            }
        }
        assumeTrue(false, "gdb-multiarch not installed");
        return null;
    }

    /** Runs gdb: the target's setup commands, {@code target remote}, then {@code commands}; stdout and stderr. */
    static String run(SimulatedTarget target, int port, String... commands) throws Exception {
        return run(target.gdbSetupCommands(), port, commands);
    }

    /** Runs gdb: {@code setup} commands (e.g. set architecture), {@code target remote}, then {@code commands}. */
    public static String run(List<String> setup, int port, String... commands) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(path(), "-nx", "-batch", "-ex", "set pagination off"));
        for (String c : setup) {
            cmd.add("-ex");
            cmd.add(c);
        }
        cmd.add("-ex");
        cmd.add("target remote 127.0.0.1:" + port);
        for (String c : commands) {
            cmd.add("-ex");
            cmd.add(c);
        }
        Path out = Files.createTempFile("vmscope-gdb", ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        try {
            if (!p.waitFor(90, TimeUnit.SECONDS)) {
                throw new IllegalStateException("gdb did not finish; output:\n"
                        + Files.readString(out, StandardCharsets.ISO_8859_1));
            }
            return Files.readString(out, StandardCharsets.ISO_8859_1);
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
            Files.deleteIfExists(out);
        }
    }
}
