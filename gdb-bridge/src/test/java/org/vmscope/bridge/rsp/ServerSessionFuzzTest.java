package org.vmscope.bridge.rsp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.vmscope.bridge.sim.SimTargetException;
import org.vmscope.bridge.sim.SimulatedTarget;
import org.vmscope.model.Arch;
import org.vmscope.model.kernel.BootException;
import org.vmscope.model.kernel.Machine;
import org.vmscope.model.kernel.SimKernel;

/**
 * Fuzzes the server's packet handling: a simulated Phoenix-RTOS target (registers, virtual and physical
 * memory, monitor commands, run control) served to a client that sends arbitrary bytes and then hangs
 * up. A session may end only by the hang-up or an {@link RspProtocolException} (or a frame timeout);
 * what it writes stays bounded by what it reads.
 *
 * <p>Input layout: byte 0 picks the architecture; the rest is what the client sends.
 */
class ServerSessionFuzzTest {
    private static final List<Arch> ARCHES = List.of(Arch.IA32, Arch.RISCV64, Arch.AARCH64, Arch.ARMV7A,
            Arch.SPARCV8LEON);
    /** A reply is at most one packet of the announced size (plus framing), and each needs a request byte. */
    private static final int MAX_WRITTEN_PER_BYTE_READ = 0x1000 * 2 + 8;

    /** Booted once per architecture: the served target refuses writes and has no scenario to run. */
    private static final Map<Arch, SimulatedTarget> TARGETS = new EnumMap<>(Arch.class);

    private static SimulatedTarget boot(Arch arch) {
        try {
            return new SimulatedTarget(SimKernel.boot(Machine.standard(arch, 16L << 20)));
        } catch (BootException | SimTargetException e) {
            throw new IllegalStateException("cannot boot the " + arch + " test kernel", e);
        }
    }

    @FuzzTest(maxDuration = "2m")
    void sessionSurvivesAnyClient(byte[] input) throws Exception {
        if (input.length == 0) {
            return;
        }
        Arch arch = ARCHES.get(Math.floorMod(input[0], ARCHES.size()));
        byte[] stream = Arrays.copyOfRange(input, 1, input.length);
        SimulatedTarget target = TARGETS.computeIfAbsent(arch, ServerSessionFuzzTest::boot);
        RspServerOptions options = RspServerOptions.defaults().withBinaryUpload(true)
                .withPacketSize(0x1000);
        List<RegisterInfo> registers = TargetDescriptionParser.load(annex -> target.featureDocument(annex)
                .orElseThrow(() -> new RspProtocolException("no annex " + annex))).registers();
        ScriptedTransport t = new ScriptedTransport(stream, false);
        RspConnection conn = new RspConnection(t, options.limits(), new RspStats());
        try {
            new ServerSession(conn, target, options, registers).run(() -> false);
        } catch (RspDisconnectedException e) {
            // the client hung up: the normal end
        } catch (RspProtocolException e) {
            assertFalse(e.getMessage().isBlank());
        } catch (RspTimeoutException e) {
            assertTrue(e.midPacket(), "idle timeouts are the session's own business");
        }
        long bound = (long) stream.length * MAX_WRITTEN_PER_BYTE_READ;
        assertTrue(t.written().length() <= bound, "wrote " + t.written().length() + " for " + stream.length);
    }
}
