package org.vmscope.model.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.vmscope.model.Arch;
import org.vmscope.model.kernel.Machine;
import org.vmscope.model.map.Mman;

class ScenarioTest {

    @Test
    void parsesStepsWithLineNumbersAndSkipsComments() {
        Scenario s = Scenario.parse("t.vmsim", """
                # a comment

                machine ia32 ram=16M   # trailing comment
                spawn init
                mmap init 0 64K prot=rw flags=private,anonymous as buf
                touch init buf+0x100 write
                """);
        assertTrue(s.isValid(), s.errors()::toString);
        List<Step> st = s.steps();
        assertEquals(List.of(3, 4, 5, 6), st.stream().map(Step::line).toList());
        Op.Mmap m = assertInstanceOf(Op.Mmap.class, st.get(2).op());
        assertEquals(Mman.PROT_READ | Mman.PROT_WRITE, m.prot());
        assertEquals(Mman.MAP_ANONYMOUS, m.flags());
        assertEquals(64 * 1024, m.size().terms().get(0).value());
        assertEquals("buf", m.as());
        Op.Touch t = assertInstanceOf(Op.Touch.class, st.get(3).op());
        assertTrue(t.write());
        assertEquals(2, t.addr().terms().size());
    }

    @Test
    void parseErrorsAreValuesWithFileAndLine() {
        Scenario s = Scenario.parse("bad.vmsim", "machine ia32 ram=16M\nfrobnicate 3\nmmap init 0 4K\n"
                + "spawn x \"unterminated\nmachine ia32 ram=16M\nfail disks\n");
        assertFalse(s.isValid());
        List<String> msgs = s.errors().stream().map(ScenarioError::toString).toList();
        assertEquals("bad.vmsim:2: unknown operation 'frobnicate'", msgs.get(0));
        assertEquals("bad.vmsim:3: mmap needs prot=", msgs.get(1));
        assertEquals("bad.vmsim:4: unterminated string", msgs.get(2));
        assertTrue(msgs.contains("bad.vmsim:6: unknown resource 'disks' (pages, entries, kmalloc)"), msgs::toString);
        assertTrue(msgs.contains("bad.vmsim:5: 'machine' must be the first operation"), msgs::toString);
        ScenarioRun r = s.start(null);
        assertTrue(r.finished());
        assertEquals(2, r.error().line());
        assertNull(r.step());
    }

    @Test
    void bootStopsBeforeTheFirstOperation() {
        ScenarioRun own = Scenario.parse("own.vmsim", "machine riscv64 ram=32M\nspawn init\n").start(null);
        assertNull(own.boot());
        assertNotNull(own.kernel());
        assertEquals(Arch.RISCV64, own.kernel().arch());
        assertEquals(2, own.nextLine(), "the machine line ran, the spawn did not");
        assertTrue(own.processes().all().isEmpty());

        ScenarioRun dflt = Scenario.parse("d.vmsim", "spawn init\n").start(Machine.standard(Arch.IA32, 16L << 20));
        assertNull(dflt.boot());
        assertEquals(Arch.IA32, dflt.kernel().arch());
        assertEquals(1, dflt.nextLine());
        assertNull(dflt.boot(), "booting twice is a no-op");
        assertNotNull(dflt.step());
        assertEquals(1, dflt.processes().all().size());

        ScenarioRun none = Scenario.parse("n.vmsim", "spawn init\n").start(null);
        assertNotNull(none.boot());
        assertTrue(none.error().message().startsWith("no machine"), none.error()::toString);
        assertTrue(none.finished());
    }

    @Test
    void numbersAndExpressions() throws Exception {
        assertEquals(0x10, ScenarioParser.number("0x10"));
        assertEquals(3L << 20, ScenarioParser.number("3M"));
        assertEquals(List.of(new Expr.Term(false, "buf", 0), new Expr.Term(true, null, 4096),
                new Expr.Term(false, null, 16)), ScenarioParser.expr("buf-4K+0x10").terms());
    }

    @Test
    void stepsOneAtATimeAndRunsToALine() {
        Scenario s = Scenario.parse("""
                machine ia32 ram=16M
                spawn init
                fork init as child
                exit child
                exit init
                """);
        ScenarioRun r = s.start(null);
        assertEquals(1, r.nextLine());
        assertNotNull(r.step());
        assertNotNull(r.kernel(), "the machine line boots");
        assertNull(r.runTo(4));
        assertEquals(4, r.nextLine());
        assertEquals(2, r.processes().all().size());
        StepResult sr = r.step();
        assertTrue(sr.result().isOk());
        assertEquals(1, r.processes().all().size());
        assertNull(r.runToEnd());
        assertTrue(r.finished());
        assertEquals(-1, r.nextLine());
    }

    @Test
    void runtimeErrorsStopTheRun() {
        ScenarioRun r = Scenario.parse("x.vmsim", """
                machine ia32 ram=16M
                spawn init
                exit nobody
                spawn never
                """).start(null);
        ScenarioError e = r.runToEnd();
        assertEquals("x.vmsim:3: 'nobody' is not bound to a process", e.toString());
        assertEquals(1, r.processes().all().size(), "line 4 never ran");
    }

    @Test
    void failedExpectationIsAnError() {
        ScenarioRun r = Scenario.parse("x.vmsim", """
                machine ia32 ram=16M
                kmalloc 100
                expect errno ENOMEM
                """).start(null);
        assertEquals("x.vmsim:3: expected ENOMEM, line 2 returned success", r.runToEnd().toString());
    }

    @Test
    void defaultMachineServesScriptsWithoutAMachineLine() {
        Scenario s = Scenario.parse("spawn init\nexpect ok\n");
        assertEquals("<scenario>:1: no machine: start the scenario with a 'machine ARCH ram=SIZE' line",
                s.start(null).runToEnd().toString());
        ScenarioRun r = s.start(Machine.standard(Arch.RISCV64, 64 << 20));
        assertNull(r.runToEnd());
        assertEquals(Arch.RISCV64, r.kernel().arch());
    }

    @Test
    void unboundNameAfterAFailedOperationSaysWhy() {
        ScenarioRun r = Scenario.parse("x.vmsim", """
                machine ia32 ram=16M
                spawn init
                fail pages
                mmap init 0 8K prot=rw as buf
                fail off
                touch init buf write
                """).start(null);
        assertEquals("x.vmsim:6: 'buf' is not bound to a value (line 4 failed: ENOMEM)", r.runToEnd().toString());
    }

    @Test
    void kernelFaultPanicsAndRefusesFurtherOperations() {
        ScenarioRun r = Scenario.parse("p.vmsim", """
                machine ia32 ram=16M
                touch kernel 0xd0000000 read
                expect panic
                checkpoint after
                spawn init
                """).start(null);
        ScenarioError e = r.runToEnd();
        assertNotNull(r.processes().panic());
        assertEquals(5, e.line());
        assertTrue(e.message().startsWith("the kernel panicked at line 2"), e.message());
        assertTrue(r.checkpoints().containsKey("after"));
    }
}
