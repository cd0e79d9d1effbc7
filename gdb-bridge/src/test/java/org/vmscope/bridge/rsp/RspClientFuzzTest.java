package org.vmscope.bridge.rsp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;

/**
 * Fuzzes the client against a target whose replies are arbitrary bytes: the handshake, the target
 * description, registers, virtual and physical memory, a monitor command and a step, over a transport
 * that hangs up (or falls silent) when the bytes run out, possibly mid-packet. Only {@link RspException}s
 * may come out of any call, and the client writes a bounded amount per byte it reads.
 *
 * <p>Input layout: byte 0 selects options (bit 0: pipelined reads, bit 1: binary reads, bit 2: silence
 * instead of a hang-up at the end); the rest is what the target sends.
 */
class RspClientFuzzTest {
    /** Generous bound on bytes written per byte received: requests wait for replies, so output tracks input. */
    private static final int MAX_WRITES_PER_READ_BYTE = 1024;

    @FuzzTest(maxDuration = "2m")
    void clientSurvivesAnyTarget(byte[] input) {
        if (input.length == 0) {
            return;
        }
        int flags = input[0];
        byte[] stream = Arrays.copyOfRange(input, 1, input.length);
        ScriptedTransport t = new ScriptedTransport(stream, (flags & 4) != 0);
        RspClientOptions o = RspClientOptions.defaults()
                .withPipelineDepth((flags & 1) != 0 ? 4 : 1)
                .withBinaryReads((flags & 2) != 0)
                .withReplyTimeoutMillis(1000)
                .withLimits(new RspLimits(4096, 1000, 256));
        RspClient c;
        try {
            c = RspClient.open(t, new RspStats(), o);
        } catch (RspException e) {
            assertFalse(e.getMessage().isBlank());
            assertFalse(t.isOpen(), "a failed handshake leaves the transport open");
            return;
        }
        call(() -> c.readGeneralRegisters().size());
        call(() -> c.readRegister("pc").toLong());
        call(() -> c.readMemory(0xc0001000L, 700).length);
        call(() -> c.readPhysicalMemory(0x1000, 300).length);
        call(() -> c.monitor("info mem").length());
        call(() -> c.step().code());
        c.close();
        assertFalse(t.isOpen(), "close leaves the transport open");
        long bound = (long) stream.length * MAX_WRITES_PER_READ_BYTE + 4096;
        assertTrue(t.written().length() <= bound, "wrote " + t.written().length() + " bytes for " + stream.length);
    }

    private interface Call {
        Object run() throws RspException;
    }

    private static void call(Call op) {
        try {
            op.run();
        } catch (RspException e) {
            assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "exception without a message: " + e);
        }
    }
}
