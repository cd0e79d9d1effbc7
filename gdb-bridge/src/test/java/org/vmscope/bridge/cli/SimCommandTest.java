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

/** {@code vmscope sim} in-process through {@link Main#run}. */
class SimCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new Main().run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static Path script(Path dir, String text) throws Exception {
        Path f = dir.resolve("s.vmsim");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void bootOnlyPrintsTheMemSummary() {
        assertEquals(0, run("sim", "--arch", "ia32", "--ram", "16M"));
        assertEquals("(612+324)/16320KB 3/1282 entries\n", out());
    }

    @Test
    void scriptWithProcessMapAndPages(@TempDir Path dir) throws Exception {
        Path f = script(dir, """
                machine ia32 ram=16M
                spawn psh text=128K data=4K bss=4K stack=32K
                """);
        assertEquals(0, run("sim", "--script", f.toString(), "-m", "1", "-p", "-s"), err());
        String[] lines = out().split("\n");
        assertTrue(lines[0].matches("\\(\\d+\\+324\\)/16320KB \\d+/1282 entries"), lines[0]);
        assertEquals("SEGMENT            PROT  FLAGS            OFFSET  OBJECT", lines[1]);
        assertEquals("08068000:08068fff  rw-                     20000  2.3001/(8KB)", lines[4]);
        assertTrue(lines[6].startsWith("KCYPPS"), lines[6]);
        assertEquals("mem: no shared memory maps are present", lines[7]);
    }

    @Test
    void scriptErrorsPrintFileLineAndExit2(@TempDir Path dir) throws Exception {
        Path f = script(dir, "machine ia32 ram=16M\nspawn init\nexpect errno ENOMEM\n");
        assertEquals(2, run("sim", "--script", f.toString()));
        assertEquals(f + ":3: expected ENOMEM, line 2 returned success\n", err());
        Path g = script(dir, "machine ia32 ram=16M\nwhat is this\n");
        err.reset();
        assertEquals(2, run("sim", "--script", g.toString()));
        assertEquals(g + ":2: unknown operation 'what'\n", err());
    }

    @Test
    void usageErrors() {
        assertEquals(2, run("sim", "--arch", "ia32"));
        assertTrue(err().contains("--arch and --ram are needed"), err());
        assertEquals(2, run("sim", "--arch", "vax", "--ram", "16M"));
        assertEquals(2, run("sim", "--arch", "ia32", "--ram", "lots"));
        assertEquals(2, run("sim", "--arch", "ia32", "--ram", "16M", "-m", "7"));
        assertTrue(err().contains("mem: process with pid 7 not found"), err());
    }

    @Test
    void kernelMapAndJson(@TempDir Path dir) throws Exception {
        Path f = script(dir, """
                machine riscv64 ram=64M sv48
                spawn sh
                fork sh as child
                """);
        assertEquals(0, run("sim", "--script", f.toString(), "-m", "kernel", "--json"), err());
        String j = out().trim();
        assertTrue(j.startsWith("{\"arch\":\"riscv64\",\"pageSize\":4096,"), j);
        assertTrue(j.contains("\"processes\":[{\"pid\":1,\"name\":\"sh\",\"state\":\"RUNNING\",\"parent\":0,"
                + "\"vmem\":81920},{\"pid\":2,\"name\":\"sh\",\"state\":\"RUNNING\",\"parent\":1,\"vmem\":81920}]"), j);
        assertTrue(j.contains("\"map\":{\"pid\":\"kernel\",\"entries\":[{\"vaddr\":"), j);
        assertTrue(j.endsWith("\"panic\":null}"), j);
    }

    @Test
    void panicIsAFinding(@TempDir Path dir) throws Exception {
        Path f = script(dir, "machine ia32 ram=16M\ntouch kernel 0xd0000000 write\n");
        assertEquals(1, run("sim", "--script", f.toString()));
        assertTrue(out().contains("kernel panic: unresolved page fault in a kernel thread at 0xd0000000"), out());
    }

    @Test
    void checkRunsTheConsistencyChecks(@TempDir Path dir) throws Exception {
        Path f = script(dir, """
                machine ia32 ram=16M
                spawn psh
                fork psh as child
                mmap child 0 16K prot=rw as buf
                """);
        assertEquals(0, run("sim", "--script", f.toString(), "--check"), out());
        assertTrue(out().endsWith("check: 0 problems\n"), out());
    }

    @Test
    void jsonWriterEscapesAndNests() {
        String s = new JsonWriter().beginObject().field("a\"b", "x\ny\u0001").name("n").beginArray().value(1).value(true)
                .value((String) null).endArray().endObject().toString();
        assertEquals("{\"a\\\"b\":\"x\\ny\\u0001\",\"n\":[1,true,null]}", s);
    }
}
