package org.vmscope.install.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** An unpacked Eclipse product on disk, run through its equinox launcher jar with the current JVM. */
final class EclipseInstallation {
    private final Path home;

    EclipseInstallation(Path home) {
        this.home = home;
    }

    static EclipseInstallation unpack(Path archive, Path into) throws IOException, InterruptedException {
        Files.createDirectories(into);
        Result r = run(List.of("tar", "-xzf", archive.toString(), "-C", into.toString()), into, 120);
        if (r.exit != 0) {
            throw new IOException("tar failed: " + r.output);
        }
        try (Stream<Path> s = Files.list(into)) {
            Path root = s.filter(Files::isDirectory).findFirst()
                    .orElseThrow(() -> new IOException("no product folder in " + archive));
            return new EclipseInstallation(root);
        }
    }

    Path home() {
        return home;
    }

    /** Runs an Eclipse application headless and returns its exit code and output. */
    Result application(String app, List<String> args, long timeoutSeconds) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-jar");
        cmd.add(launcher().toString());
        cmd.add("-nosplash");
        cmd.add("-consoleLog");
        cmd.add("-application");
        cmd.add(app);
        cmd.addAll(args);
        return run(cmd, home, timeoutSeconds);
    }

    private Path launcher() throws IOException {
        try (Stream<Path> s = Files.list(home.resolve("plugins"))) {
            return s.filter(p -> p.getFileName().toString().matches("org\\.eclipse\\.equinox\\.launcher_.*\\.jar"))
                    .findFirst().orElseThrow(() -> new IOException("no equinox launcher in " + home));
        }
    }

    record Result(int exit, String output) {
    }

    private static Result run(List<String> cmd, Path dir, long timeoutSeconds) throws IOException, InterruptedException {
        Path log = Files.createTempFile("vmscope-install", ".log");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                throw new IOException("timed out after " + timeoutSeconds + " s: " + String.join(" ", cmd));
            }
            return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(log);
        }
    }
}
