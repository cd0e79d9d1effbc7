package org.vmscope.bridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vmscope bench-kernel} argument handling; the measurement itself runs against QEMU in the qemu tests. */
class BenchKernelCommandTest {

    @Test
    void kernelIsRequired() {
        CliRun r = CliRun.of("bench-kernel", "--target", "127.0.0.1:1");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--kernel ELF is required"), r.err());
    }

    @Test
    void repeatMustBeACountInRange() {
        for (String bad : new String[] {"0", "1001", "many"}) {
            CliRun r = CliRun.of("bench-kernel", "--target", "127.0.0.1:1", "--kernel", "k.elf", "--repeat", bad);
            assertEquals(2, r.status(), bad);
            assertTrue(r.err().contains("--repeat"), r.err());
        }
        // the same option of bench-mirror
        assertEquals(2, CliRun.of("bench-mirror", "--target", "127.0.0.1:1", "--repeat", "0").status());
    }

    @Test
    void anElfThatIsNotOneIsAClearError(@TempDir Path dir) throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.elf"), "not an ELF at all");
        CliRun r = CliRun.of("bench-kernel", "--target", "127.0.0.1:1", "--kernel", junk.toString());
        assertEquals(1, r.status());
        assertTrue(r.err().startsWith("vmscope bench-kernel: ") && r.err().contains("not a usable ELF"), r.err());
        CliRun missing = CliRun.of("bench-kernel", "--target", "127.0.0.1:1", "--kernel", dir.resolve("no.elf").toString());
        assertEquals(1, missing.status());
        assertTrue(missing.err().contains("cannot read the kernel ELF"), missing.err());
    }

    @Test
    void listedInHelpWithItsOptions() {
        assertTrue(CliRun.of("help").out().contains("bench-kernel "));
        String usage = CliRun.of("help", "bench-kernel").out();
        assertTrue(usage.contains("--kernel ELF") && usage.contains("--repeat N") && usage.contains("--target HOST:PORT"), usage);
    }
}
