package org.vmscope.bridge.rsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the packet codec and the frame reader with arbitrary wire bytes: malformed, truncated and
 * oversized packets, wrong checksums, dangling escapes and run-lengths. Only {@link RspException}s may
 * come out, every decoded payload respects the cap, and every stream ends after a bounded number of frames.
 * Replays the corpus under {@code PacketCodecFuzzTestInputs/} in a plain test run.
 */
class PacketCodecFuzzTest {

    @FuzzTest(maxDuration = "2m")
    void decodeBodyNeverExceedsItsCap(FuzzedDataProvider data) {
        int cap = data.consumeInt(64, 4096);
        byte[] body = data.consumeRemainingAsBytes();
        byte[] decoded;
        try {
            decoded = PacketCodec.decodeBody(body, body.length, cap);
        } catch (RspProtocolException e) {
            assertFalse(e.getMessage().isBlank());
            return;
        }
        assertTrue(decoded.length <= cap, "decoded " + decoded.length + " > cap " + cap);
        // escaping is the inverse of decoding, whatever bytes the payload holds
        byte[] escaped = PacketCodec.escape(decoded);
        try {
            assertArrayEquals(decoded, PacketCodec.decodeBody(escaped, escaped.length, cap));
        } catch (RspProtocolException e) {
            throw new AssertionError("an escaped payload does not decode back: " + e.getMessage(), e);
        }
    }

    @FuzzTest(maxDuration = "2m")
    void framedPayloadsReadBackUnchanged(byte[] payload) throws RspException {
        if (payload.length > RspLimits.DEFAULT.maxPacketBytes() / 2) {
            return;
        }
        FrameReader r = new FrameReader(new ScriptedTransport(PacketCodec.frame(payload), false), RspLimits.DEFAULT);
        RspFrame f = r.next(1000);
        assertEquals(RspFrame.Kind.PACKET, f.kind());
        assertArrayEquals(payload, f.payload());
    }

    @FuzzTest(maxDuration = "2m")
    void frameReaderEndsEveryStreamCleanly(FuzzedDataProvider data) {
        boolean silentAtEnd = data.consumeBoolean();
        RspLimits limits = new RspLimits(data.consumeInt(64, 2048), 1000, data.consumeInt(0, 256));
        byte[] stream = data.consumeRemainingAsBytes();
        FrameReader r = new FrameReader(new ScriptedTransport(stream, silentAtEnd), limits);
        int frames = 0;
        while (true) {
            RspFrame f;
            try {
                f = r.next(1000);
            } catch (RspTimeoutException | RspDisconnectedException e) {
                return;  // the stream ran out
            } catch (RspProtocolException e) {
                assertFalse(e.getMessage().isBlank());
                return;  // the stream is out of step: a reader stops here
            } catch (RspException e) {
                throw new AssertionError("undocumented RSP exception " + e.getClass().getName(), e);
            }
            frames++;
            assertTrue(frames <= stream.length, "more frames than bytes");
            assertTrue(f.payload().length <= limits.maxPacketBytes(), "payload over the cap");
            assertTrue(f.rawBody().length <= limits.maxPacketBytes(), "raw body over the cap");
            if (f.kind() == RspFrame.Kind.BAD_CHECKSUM) {
                assertEquals(0, f.payload().length);
            }
        }
    }
}
