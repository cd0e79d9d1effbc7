package org.vmscope.model.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.api.Test;
import org.vmscope.model.proc.Process;

/** Every shipped example runs to its end with all its expectations met, plus outcome checks per example. */
class ExamplesTest {
    static String read(String name) throws IOException {
        return Examples.read(name);
    }

    @Test
    void everyShippedFileIsListed() throws IOException {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("src/main/resources/org/vmscope/model/script/examples"))) {
            List<String> names = files.map(f -> f.getFileName().toString()).sorted().toList();
            assertEquals(names, Examples.NAMES.stream().sorted().toList());
        }
    }

    static ScenarioRun run(String name) throws IOException {
        Scenario s = Scenario.parse(name, read(name));
        assertTrue(s.isValid(), () -> s.errors().toString());
        ScenarioRun r = s.start(null);
        assertNull(r.runToEnd(), name);
        assertTrue(r.finished());
        return r;
    }

    @ParameterizedTest
    @FieldSource("org.vmscope.model.script.Examples#NAMES")
    void exampleMeetsItsExpectations(String name) throws IOException {
        ScenarioRun r = run(name);
        assertNull(r.processes().panic());
        assertTrue(read(name).startsWith("#"), "each example starts with a comment saying what it shows");
    }

    @Test
    void forkCowEndsWithNoProcessAndBootCounters() throws IOException {
        ScenarioRun r = run("fork-cow.vmsim");
        assertTrue(r.processes().all().isEmpty());
        Checkpoint boot = r.checkpoints().get("boot");
        assertEquals(boot.freeBytes(), r.kernel().freeBytes());
        assertEquals(boot.mem(), r.checkpoints().get("boot").mem());
    }

    @Test
    void nommuSharedMapsEndWithOnlyTheKernelSplitPiecesLeft() throws IOException {
        ScenarioRun r = run("nommu-shared-maps.vmsim");
        assertTrue(r.processes().all().isEmpty());
        var kmap = r.kernel().kmap().entries();
        assertEquals(4, kmap.size(), "two boot entries and the two pieces nobody owns");
        assertNull(kmap.get(2).process());
        assertEquals(0x20008e00L, kmap.get(2).vaddr());
        assertTrue(r.kernel().sharedMap(1).entries().isEmpty());
        String s = org.vmscope.model.psh.PshMem.shared(r.kernel());
        assertTrue(s.contains("\nMap #0: ram\n\tSize:     128 KiB (131072 bytes)\n\tAlloc:    26 KiB (27136 bytes)\n"), s);
    }

    @Test
    void entryPoolExampleReallyExhaustsThePool() throws IOException {
        ScenarioRun r = run("entry-pool-exhaustion.vmsim");
        assertEquals(0, r.kernel().entryPool().free());
        assertEquals(13, r.processes().all().size());
    }

    @Test
    void leakExamplesCiteTheirIssue() throws IOException {
        for (String n : List.of("leak-1266-fork-riscv.vmsim", "leak-371-vmem-after-child-exit.vmsim",
                "leak-276-message-window.vmsim", "leak-369-kmalloc-oom.vmsim", "leak-510-nommu-exit.vmsim")) {
            String text = read(n);
            assertTrue(text.startsWith("# Leak pattern: phoenix-vm.md §7"), n);
        }
    }

    @Test
    void messageWindowsHeldUntilReply() throws IOException {
        String text = read("leak-276-message-window.vmsim");
        Scenario s = Scenario.parse("leak-276-message-window.vmsim", text);
        ScenarioRun r = s.start(null);
        int replyLine = 0;
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("reply m2")) {
                replyLine = i + 1;
            }
        }
        assertNull(r.runTo(replyLine));
        assertEquals(2, r.processes().windows().size(), "both messages outstanding");
        Process server = (Process) r.bindings().get("server");
        assertEquals(2, server.windows().size());
        assertNull(r.runToEnd());
        assertTrue(r.processes().windows().isEmpty());
    }
}
