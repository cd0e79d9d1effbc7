package org.vmscope.bridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vmscope mem} argument handling; the live decoding is tested against QEMU in the qemu tests. */
class MemCommandTest {

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void kernelIsRequired() {
        CliRun r = run("mem", "--target", "127.0.0.1:1");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--kernel ELF is required"), r.err());
    }

    @Test
    void mapAndPagesDoNotCombine() {
        CliRun r = run("mem", "--target", "127.0.0.1:1", "--kernel", "k.elf", "-m", "kernel", "-p");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("cannot be combined"), r.err());
    }

    @Test
    void pidMustBeANumberOrKernel() {
        CliRun r = run("mem", "--target", "127.0.0.1:1", "--kernel", "k.elf", "-m", "psh");
        assertEquals(2, r.status());
    }

    @Test
    void aMissingOrBogusElfIsReportedBeforeConnecting(@TempDir Path dir) throws Exception {
        CliRun missing = run("mem", "--target", "127.0.0.1:1", "--kernel", dir.resolve("none.elf").toString());
        assertEquals(1, missing.status());
        assertTrue(missing.err().contains("cannot read the kernel ELF"), missing.err());
        Path bogus = Files.writeString(dir.resolve("bogus.elf"), "not an elf at all");
        CliRun bad = run("mem", "--target", "127.0.0.1:1", "--kernel", bogus.toString());
        assertEquals(1, bad.status());
        assertTrue(bad.err().contains("not a usable ELF"), bad.err());
    }

    @Test
    void listedInHelp() {
        assertTrue(run("help").out().contains("mem "));
    }
}
