package org.vmscope.bridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmscope.model.state.AddressSpace;
import org.vmscope.model.state.State;
import org.vmscope.model.state.snapshot.Snapshots;

/** {@code vmscope sim --snapshot} and {@code vmscope diff} in-process through {@link Main#run}. */
class SnapshotDiffCommandTest {
    private static final String LEAK_371 = "/org/vmscope/model/script/examples/leak-371-vmem-after-child-exit.vmsim";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    private int run(String... args) {
        out.reset();
        err.reset();
        return new Main().run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** The shipped leak-371 scenario's first {@code lines} lines, as a script file. */
    private Path leak371UpTo(int lines) throws Exception {
        String text;
        try (InputStream in = getClass().getResourceAsStream(LEAK_371)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String[] all = text.split("\n");
        Path f = dir.resolve("leak371-" + lines + ".vmsim");
        Files.writeString(f, String.join("\n", Arrays.copyOf(all, lines)) + "\n");
        return f;
    }

    /** Runs {@code script} with {@code --snapshot} and returns the snapshot file. */
    private Path snapshot(Path script, String name) {
        Path snap = dir.resolve(name);
        assertEquals(0, run("sim", "--script", script.toString(), "--snapshot", snap.toString()), err());
        return snap;
    }

    @Test
    void snapshotPrintsWhatItSavedAndLoadsBack() throws Exception {
        Path idle = dir.resolve("idle.vmstate");
        assertEquals(0, run("sim", "--script", leak371UpTo(7).toString(), "--check", "--snapshot", idle.toString()),
                err());
        String[] lines = out().split("\n");
        assertEquals("check: 0 problems", lines[lines.length - 2]);
        assertTrue(lines[lines.length - 1].matches("vmscope: snapshot " + Pattern.quote(idle.toString())
                + " \\(2 address spaces, \\d+ runs\\)"), lines[lines.length - 1]);
        State s = Snapshots.load(idle);
        // the kernel map, then psh, the scenario's only process
        assertEquals(List.of(-1, 1), s.getAddressSpaces().stream().map(AddressSpace::getPid).toList());
        assertEquals("psh", s.getAddressSpaces().get(1).getName());
        assertEquals("armv7a", s.getTarget().getArch().getLiteral());
        assertEquals(0, s.getProblems().size());
        assertTrue(lines[lines.length - 1].endsWith(" " + s.getPhysicalMemory().getRuns().size() + " runs)"));
    }

    @Test
    void snapshotUnderJsonKeepsStdoutJson() throws Exception {
        Path snap = dir.resolve("j.vmstate");
        assertEquals(0, run("sim", "--script", leak371UpTo(7).toString(), "--json", "--snapshot", snap.toString()));
        assertTrue(out().startsWith("{") && out().trim().endsWith("}"), out());
        assertTrue(err().startsWith("vmscope: snapshot " + snap), err());
        assertTrue(Files.size(snap) > 0);
    }

    @Test
    void snapshotIntoAMissingFolderExits2() throws Exception {
        Path snap = dir.resolve("no/such/folder/x.vmstate");
        assertEquals(2, run("sim", "--script", leak371UpTo(7).toString(), "--snapshot", snap.toString()));
        assertTrue(err().startsWith("vmscope: cannot write snapshot " + snap + ": "), err());
        assertTrue(Files.notExists(snap));
    }

    @Test
    void diffShowsTheChildThatHasNotExitedYet() throws Exception {
        Path idle = snapshot(leak371UpTo(7), "idle.vmstate");
        Path child = snapshot(leak371UpTo(12), "child.vmstate");
        assertEquals(1, run("diff", idle.toString(), child.toString()), err());
        String d = out();
        // the four entries of hello's image (text=16K data=4K bss=4K, default stack 8 pages), from the script
        assertTrue(d.contains("address spaces:\n  + pid 2 hello\n"), d);
        assertTrue(d.contains("  + pid 2 hello  00010000-00013fff r-xu  file 2.3002\n"), d);
        assertTrue(d.contains("  + pid 2 hello  00014000-00014fff rw-u  file 2.3002\n"), d);
        assertTrue(d.contains("  + pid 2 hello  00015000-00015fff rw-u  anonymous\n"), d);
        assertTrue(d.contains("  + pid 2 hello  7fff8000-7fffffff rw-u  anonymous\n"), d);
        assertEquals(4, d.lines().filter(l -> l.startsWith("  + pid 2 hello  ")).count(), d);
        // hello's map holds those four entries more than the idle state
        assertTrue(d.contains("entry pool: 6 -> 10 of "), d);
        assertTrue(d.matches("(?s)pages: \\d+ allocated, 0 freed .*"), d);
        assertTrue(d.contains("  + A app "), d);
        assertTrue(d.contains("  + P page table "), d);

        // backwards: the same, freed
        assertEquals(1, run("diff", child.toString(), idle.toString()), err());
        assertTrue(out().matches("(?s)pages: 0 allocated, \\d+ freed .*"), out());
        assertTrue(out().contains("  - pid 2 hello\n"), out());
        assertTrue(out().contains("entry pool: 10 -> 6 of "), out());
    }

    @Test
    void childExitLeavesNothingBehind() throws Exception {
        // the whole scenario: two children vforked, exec'd and exited; #371's leak would show here
        Path idle = snapshot(leak371UpTo(7), "idle.vmstate");
        Path end = snapshot(leak371UpTo(22), "end.vmstate");
        assertEquals(0, run("diff", idle.toString(), end.toString()), err());
        assertEquals("no differences\n", out());
        assertEquals(0, run("diff", end.toString(), end.toString()));
        assertEquals("no differences\n", out());
    }

    @Test
    void diffJson() throws Exception {
        Path idle = snapshot(leak371UpTo(7), "idle.vmstate");
        Path child = snapshot(leak371UpTo(12), "child.vmstate");
        assertEquals(1, run("diff", "--json", idle.toString(), child.toString()), err());
        String j = out().trim();
        assertTrue(j.startsWith("{\"differences\":true,\"pages\":{\"compared\":true,"), j);
        assertTrue(j.contains("\"spacesAdded\":[{\"pid\":2,\"name\":\"hello\"}],\"spacesRemoved\":[]"), j);
        assertTrue(j.contains("{\"change\":\"ADDED\",\"pid\":2,\"space\":\"pid 2 hello\",\"vaddr\":\"0x7fff8000\","
                + "\"size\":\"0x8000\",\"object\":null,\"what\":[]}"), j);
        assertTrue(j.endsWith("\"entryPool\":{\"usedBefore\":6,\"usedAfter\":10,\"total\":2658}}"), j);
        assertEquals(0, run("diff", idle.toString(), "--json", idle.toString()));
        assertTrue(out().startsWith("{\"differences\":false,"), out());
    }

    @Test
    void truncatedSnapshotExits2WithTheReason() throws Exception {
        Path idle = snapshot(leak371UpTo(7), "idle.vmstate");
        byte[] all = Files.readAllBytes(idle);
        Path cut = dir.resolve("cut.vmstate");
        Files.write(cut, Arrays.copyOf(all, all.length / 2));
        assertEquals(2, run("diff", idle.toString(), cut.toString()));
        assertEquals("vmscope diff: " + cut + " is truncated: the compressed data ends early\n", err());
        assertEquals("", out());
    }

    @Test
    void missingOrForeignFileExits2() throws Exception {
        Path idle = snapshot(leak371UpTo(7), "idle.vmstate");
        Path none = dir.resolve("none.vmstate");
        assertEquals(2, run("diff", none.toString(), idle.toString()));
        assertTrue(err().startsWith("vmscope diff: " + none + ": cannot read: "), err());
        Path text = dir.resolve("text.vmstate");
        Files.writeString(text, "hello");
        assertEquals(2, run("diff", idle.toString(), text.toString()));
        assertEquals("vmscope diff: " + text + " is not a vmscope snapshot: it is not gzip-compressed\n", err());
    }

    @Test
    void diffUsageErrors() {
        assertEquals(2, run("diff", "a.vmstate"));
        assertTrue(err().startsWith("vmscope diff: needs two snapshot files, got 1\nusage: vmscope diff"), err());
        assertEquals(2, run("diff", "a", "b", "c"));
        assertEquals(2, run("diff", "--text", "a", "b"));
        assertTrue(err().startsWith("vmscope diff: unknown option '--text'"), err());
        assertEquals(0, run("help"));
        assertTrue(out().contains("  diff          compare two snapshot files"), out());
    }
}
