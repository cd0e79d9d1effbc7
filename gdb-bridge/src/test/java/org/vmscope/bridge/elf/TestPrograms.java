package org.vmscope.bridge.elf;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Compiles the C sources of src/test/c with the host gcc or a cross compiler into a temporary
 * directory (once per configuration) so tests can read real compiler output.
 */
public final class TestPrograms {
    /** One compiler configuration and what its ELF header must say. */
    public record Target(String id, String compiler, List<String> flags, ElfMachine machine, boolean is64,
                         ByteOrder order) {
        public boolean isAvailable() {
            return TestPrograms.available(compiler);
        }

        @Override
        public String toString() {
            return id;
        }
    }

    public static final Target HOST = new Target("x86_64", "gcc", List.of(), ElfMachine.X86_64, true,
            ByteOrder.LITTLE_ENDIAN);

    private static final List<Target> TARGETS = List.of(
            HOST,
            new Target("i686", "i686-linux-gnu-gcc", List.of(), ElfMachine.I386, false, ByteOrder.LITTLE_ENDIAN),
            new Target("aarch64", "aarch64-linux-gnu-gcc", List.of(), ElfMachine.AARCH64, true,
                    ByteOrder.LITTLE_ENDIAN),
            new Target("aarch64_be", "aarch64-linux-gnu-gcc", List.of("-mbig-endian"), ElfMachine.AARCH64, true,
                    ByteOrder.BIG_ENDIAN),
            new Target("riscv64", "riscv64-linux-gnu-gcc", List.of(), ElfMachine.RISCV, true,
                    ByteOrder.LITTLE_ENDIAN),
            new Target("arm", "arm-none-eabi-gcc", List.of(), ElfMachine.ARM, false, ByteOrder.LITTLE_ENDIAN),
            new Target("armeb", "arm-none-eabi-gcc", List.of("-mbig-endian"), ElfMachine.ARM, false,
                    ByteOrder.BIG_ENDIAN),
            new Target("sparc", "sparc-linux-gnu-gcc", List.of(), ElfMachine.SPARC, false, ByteOrder.BIG_ENDIAN));

    public static final List<String> SOURCES = List.of("phoenix_like.c", "other_unit.c");

    private static final Map<String, Path> BUILT = new ConcurrentHashMap<>();
    private static Path workDir;

    private TestPrograms() {
    }

    public static List<Target> targets() {
        return TARGETS;
    }

    /** (target, DWARF version) pairs for parameterized tests. */
    public static Stream<org.junit.jupiter.params.provider.Arguments> targetsAndVersions() {
        List<org.junit.jupiter.params.provider.Arguments> out = new ArrayList<>();
        for (Target t : TARGETS) {
            out.add(org.junit.jupiter.params.provider.Arguments.of(t, 4));
            out.add(org.junit.jupiter.params.provider.Arguments.of(t, 5));
        }
        return out.stream();
    }

    public static boolean available(String compiler) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, compiler))) {
                return true;
            }
        }
        return false;
    }

    /** The two-unit test program linked with -nostdlib, built with -g -gdwarf-{version} plus {@code extra}. */
    public static Path build(Target t, int dwarfVersion, String... extra) throws IOException {
        List<String> flags = new ArrayList<>(t.flags());
        flags.add("-g");
        flags.add("-gdwarf-" + dwarfVersion);
        flags.addAll(List.of(extra));
        return compile(t, flags, SOURCES);
    }

    /** Compiles and links {@code sources} (names under src/test/c) with -O0 -nostdlib -static. */
    public static synchronized Path compile(Target t, List<String> flags, List<String> sources) throws IOException {
        String key = t.id() + " " + flags + " " + sources;
        Path done = BUILT.get(key);
        if (done != null) {
            return done;
        }
        Path out = dir().resolve(t.id() + "-" + BUILT.size() + ".elf");
        List<String> cmd = new ArrayList<>(List.of(t.compiler(), "-O0", "-nostdlib", "-static", "-o", out.toString()));
        cmd.addAll(flags);
        for (String s : sources) {
            cmd.add(source(s).toString());
        }
        run(cmd);
        BUILT.put(key, out);
        return out;
    }

    public static Path source(String name) {
        return Path.of("src", "test", "c", name).toAbsolutePath();
    }

    /** Runs a tool, failing the test with its output when it exits non-zero. */
    public static String run(List<String> cmd) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Process p = pb.start();
        byte[] output = p.getInputStream().readAllBytes();
        try {
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException("tool did not finish: " + cmd);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + cmd, e);
        }
        String text = new String(output, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(cmd + " failed (" + p.exitValue() + "):\n" + text);
        }
        return text;
    }

    private static synchronized Path dir() throws IOException {
        if (workDir == null) {
            workDir = Files.createTempDirectory("vmscope-elf-test");
            Path d = workDir;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(d)));
        }
        return workDir;
    }

    private static void deleteTree(Path d) {
        try (Stream<Path> s = Files.walk(d)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: it is a temp directory
        }
    }
}
