package org.vmscope.bridge.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vmscope.bridge.rsp.RspClient;
import org.vmscope.bridge.rsp.StopReply;
import org.vmscope.model.Arch;
import org.vmscope.model.kernel.SimKernel;

/** {@code ?}, {@code s}, {@code c} and ^C against scenarios, through our client. */
@Timeout(60)
class SimRunControlTest {
    private static final long WAIT = 30_000; // a bound, not a timing assertion

    /** Each step maps one marker page into the kernel; the scenario ends after {@code total} steps. */
    static final class MappingScenario implements SimStepper {
        final SimKernel kernel;
        final int total;
        final List<SimFixture.Marker> mapped = new ArrayList<>();

        MappingScenario(SimKernel kernel, int total) {
            this.kernel = kernel;
            this.total = total;
        }

        @Override
        public boolean step() {
            if (done()) {
                return false;
            }
            try {
                mapped.add(SimFixture.kernelMarker(kernel, 1, 0x57E00000 | (mapped.size() << 12)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return true;
        }

        @Override
        public boolean done() {
            return mapped.size() >= total;
        }
    }

    static byte[] le(int w) {
        return new byte[] {(byte) w, (byte) (w >>> 8), (byte) (w >>> 16), (byte) (w >>> 24)};
    }

    @Test
    void withoutScenarioContinueStopsAtOnce() throws Exception {
        SimKernel k = SimFixture.boot(Arch.RISCV64);
        try (SimGdbServer s = SimGdbServer.start(k, "127.0.0.1:0", null);
                RspClient c = RspClient.connect("127.0.0.1", s.port())) {
            assertEquals(5, c.queryStopReason().code(), "stopped with SIGTRAP");
            c.resume();
            assertEquals(5, c.waitForStop(WAIT).code());
            assertEquals(5, c.step().code());
        }
    }

    @Test
    void stepRunsOneStepAndContinueRunsTheRestWithMemoryFollowing() throws Exception {
        SimKernel k = SimFixture.boot(Arch.IA32);
        MappingScenario scenario = new MappingScenario(k, 6);
        SimulatedTarget t = new SimulatedTarget(k, scenario, null);
        try (SimGdbServer s = SimGdbServer.start(t, "127.0.0.1:0", null);
                RspClient c = RspClient.connect("127.0.0.1", s.port())) {
            assertEquals(5, c.step().code());
            assertEquals(1, t.stepsRun());
            SimFixture.Marker first = scenario.mapped.get(0);
            assertArrayEquals(le(first.word(0)), c.readMemory(first.va(), 4));

            c.resume();
            StopReply stop = c.waitForStop(WAIT);
            assertEquals(5, stop.code());
            assertEquals(6, t.stepsRun());
            assertTrue(scenario.done());
            // pages the scenario mapped while running are readable at once (no stale table cache)
            SimFixture.Marker last = scenario.mapped.get(5);
            assertArrayEquals(le(last.word(3)), c.readMemory(last.va() + 12, 4));

            c.resume(); // nothing left: stops at once
            assertEquals(5, c.waitForStop(WAIT).code());
            assertEquals(6, t.stepsRun());
        }
    }

    @Test
    void interruptStopsAnEndlessScenario() throws Exception {
        SimKernel k = SimFixture.boot(Arch.RISCV64);
        SimStepper endless = new SimStepper() {
            @Override
            public boolean step() {
                return true;
            }

            @Override
            public boolean done() {
                return false;
            }
        };
        SimulatedTarget t = new SimulatedTarget(k, endless, null);
        try (SimGdbServer s = SimGdbServer.start(t, "127.0.0.1:0", null);
                RspClient c = RspClient.connect("127.0.0.1", s.port())) {
            c.resume();
            assertTrue(c.isRunning());
            assertEquals(2, c.interrupt(WAIT).code(), "^C reports SIGINT like QEMU");
            int after = t.stepsRun();
            assertTrue(after > 0);
            // stopped: registers and memory answer again, and the scenario does not advance
            assertEquals(k.machine().kernel().kernelVa(), c.readRegister("pc").toLong());
            assertEquals(after, t.stepsRun());
        }
    }

    @Test
    void aFailingStepStopsWithSigabrtAndEndsTheScenario() throws Exception {
        SimKernel k = SimFixture.boot(Arch.IA32);
        SimStepper failing = new SimStepper() {
            @Override
            public boolean step() {
                throw new IllegalStateException("munmap of a reserved range");
            }

            @Override
            public boolean done() {
                return false;
            }
        };
        SimulatedTarget t = new SimulatedTarget(k, failing, null);
        try (SimGdbServer s = SimGdbServer.start(t, "127.0.0.1:0", null);
                RspClient c = RspClient.connect("127.0.0.1", s.port())) {
            assertEquals(6, c.step().code());
            assertTrue(t.stepError().orElseThrow().contains("munmap of a reserved range"));
            c.resume();
            assertEquals(5, c.waitForStop(WAIT).code(), "the scenario is over");
        }
    }

    @Test
    void aStepperWithNothingLeftCountsAsDone() throws Exception {
        SimKernel k = SimFixture.boot(Arch.IA32);
        int[] calls = {0};
        SimStepper empty = new SimStepper() {
            @Override
            public boolean step() {
                calls[0]++;
                return false;
            }

            @Override
            public boolean done() {
                return false;
            }
        };
        SimulatedTarget t = new SimulatedTarget(k, empty, null);
        try (SimGdbServer s = SimGdbServer.start(t, "127.0.0.1:0", null);
                RspClient c = RspClient.connect("127.0.0.1", s.port())) {
            c.resume();
            assertEquals(5, c.waitForStop(WAIT).code());
            assertEquals(1, calls[0]);
            assertEquals(0, t.stepsRun());
            assertFalse(c.isRunning());
        }
    }
}
