package org.vmscope.bridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vmscope check} argument handling; the checks over a live kernel run against QEMU in the qemu tests. */
class CheckCommandTest {

    @Test
    void kernelIsRequired() {
        CliRun r = CliRun.of("check", "--target", "127.0.0.1:1");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--kernel ELF is required"), r.err());
    }

    @Test
    void strayArgumentsAreUsageErrors() {
        CliRun r = CliRun.of("check", "--target", "127.0.0.1:1", "--kernel", "k.elf", "extra");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("unexpected argument extra"), r.err());
    }

    @Test
    void aMissingElfIsAFindingNotACrash(@TempDir Path dir) {
        CliRun r = CliRun.of("check", "--target", "127.0.0.1:1", "--kernel", dir.resolve("none.elf").toString());
        assertEquals(1, r.status());
        assertTrue(r.err().startsWith("vmscope check: cannot read the kernel ELF"), r.err());
    }

    @Test
    void listedInHelpWithItsOptions() {
        assertTrue(CliRun.of("help").out().contains("check "));
        assertTrue(CliRun.of("help", "check").out().contains("--kernel ELF"));
    }
}
