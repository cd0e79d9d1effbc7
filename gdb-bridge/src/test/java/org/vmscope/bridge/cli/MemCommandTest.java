package org.vmscope.bridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vmscope mem} argument handling; the live decoding is tested against QEMU in the qemu tests. */
class MemCommandTest {

    private record Result(int status, String out, String err) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Main().run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void kernelIsRequired() {
        Result r = run("mem", "--target", "127.0.0.1:1");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--kernel ELF is required"), r.err());
    }

    @Test
    void mapAndPagesDoNotCombine() {
        Result r = run("mem", "--target", "127.0.0.1:1", "--kernel", "k.elf", "-m", "kernel", "-p");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("cannot be combined"), r.err());
    }

    @Test
    void pidMustBeANumberOrKernel() {
        Result r = run("mem", "--target", "127.0.0.1:1", "--kernel", "k.elf", "-m", "psh");
        assertEquals(2, r.status());
    }

    @Test
    void aMissingOrBogusElfIsReportedBeforeConnecting(@TempDir Path dir) throws Exception {
        Result missing = run("mem", "--target", "127.0.0.1:1", "--kernel", dir.resolve("none.elf").toString());
        assertEquals(1, missing.status());
        assertTrue(missing.err().contains("cannot read the kernel ELF"), missing.err());
        Path bogus = Files.writeString(dir.resolve("bogus.elf"), "not an elf at all");
        Result bad = run("mem", "--target", "127.0.0.1:1", "--kernel", bogus.toString());
        assertEquals(1, bad.status());
        assertTrue(bad.err().contains("not a usable ELF"), bad.err());
    }

    @Test
    void listedInHelp() {
        assertTrue(run("help").out().contains("mem "));
    }
}
