package org.vmscope.bridge.rsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Framing, checksums, escapes and run-lengths against hand-computed values. */
class PacketCodecTest {

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static FrameReader reader(String script, int max) {
        return new FrameReader(new ScriptedTransport(script, false), new RspLimits(max, 1000, 16));
    }

    @Test
    void framesWithHandComputedChecksums() {
        assertEquals("$OK#9a", s(PacketCodec.frame(b("OK"))));
        assertEquals("$g#67", s(PacketCodec.frame(b("g"))));
        assertEquals("$m0,4#fd", s(PacketCodec.frame(b("m0,4"))));
        assertEquals("$qSupported#37", s(PacketCodec.frame(b("qSupported"))));
        assertEquals("$#00", s(PacketCodec.frame(new byte[0])));
    }

    @Test
    void escapesTheFourSpecialBytes() {
        byte[] payload = {'#', '$', '}', '*', 'a'};
        assertEquals("}\u0003}\u0004}]}\na", s(PacketCodec.escape(payload)));
        // '}' 0x7d + 0x03 = 0x80
        assertEquals("$}\u0003#80", s(PacketCodec.frame(new byte[] {'#'})));
    }

    @Test
    void everyByteSurvivesEscapeAndDecode() throws Exception {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        byte[] body = PacketCodec.escape(all);
        assertEquals(256 + 4, body.length);
        assertArrayEquals(all, PacketCodec.decodeBody(body, body.length, 1024));
    }

    @Test
    void runLengthExpands() throws Exception {
        // ' ' is 32: 32 - 29 = 3 more copies
        assertEquals("0000", s(PacketCodec.decodeBody(b("0* "), 3, 100)));
        assertEquals("x00000y", s(PacketCodec.decodeBody(b("x0*!y"), 5, 100)));
        // a run after an escaped byte repeats the decoded byte
        assertEquals("####", s(PacketCodec.decodeBody(b("}\u0003* "), 4, 100)));
        // '~' is the largest count: 126 - 29 = 97 more
        assertEquals(98, PacketCodec.decodeBody(b("a*~"), 3, 200).length);
    }

    @Test
    void malformedBodiesAreRejected() {
        assertThrows(RspProtocolException.class, () -> PacketCodec.decodeBody(b("ab}"), 3, 100));
        assertThrows(RspProtocolException.class, () -> PacketCodec.decodeBody(b("* "), 2, 100));
        assertThrows(RspProtocolException.class, () -> PacketCodec.decodeBody(b("a*"), 2, 100));
        assertThrows(RspProtocolException.class, () -> PacketCodec.decodeBody(b("a*\u0010"), 3, 100));
        assertThrows(RspProtocolException.class, () -> PacketCodec.decodeBody(b("a*$"), 3, 100));
    }

    @Test
    void runLengthCannotExceedTheCap() {
        RspProtocolException e = assertThrows(RspProtocolException.class,
                () -> PacketCodec.decodeBody(b("a*~*~"), 5, 150));
        assertTrue(e.getMessage().contains("limit"), e.getMessage());
    }

    @Test
    void readerSeparatesAcksInterruptsPacketsAndNotifications() throws Exception {
        FrameReader r = reader("+-\u0003junk$OK#9a%Stop:T05#" + cs("Stop:T05") + "$0* #7a", 64);
        assertEquals(RspFrame.Kind.ACK, r.next(100).kind());
        assertEquals(RspFrame.Kind.NACK, r.next(100).kind());
        assertEquals(RspFrame.Kind.INTERRUPT, r.next(100).kind());
        RspFrame ok = r.next(100);
        assertEquals(RspFrame.Kind.PACKET, ok.kind());
        assertEquals("OK", ok.text());
        RspFrame n = r.next(100);
        assertEquals(RspFrame.Kind.NOTIFICATION, n.kind());
        assertEquals("Stop:T05", n.text());
        RspFrame rle = r.next(100);
        assertEquals("0000", rle.text());
        assertEquals("0* ", s(rle.rawBody()));
    }

    @Test
    void wrongChecksumIsReportedNotThrown() throws Exception {
        RspFrame f = reader("$OK#9b", 64).next(100);
        assertEquals(RspFrame.Kind.BAD_CHECKSUM, f.kind());
        assertEquals("OK", s(f.rawBody()));
    }

    @Test
    void checksumDigitsAcceptUpperCase() throws Exception {
        assertEquals("OK", reader("$OK#9A", 64).next(100).text());
    }

    @Test
    void nonHexChecksumIsAProtocolError() {
        assertThrows(RspProtocolException.class, () -> reader("$OK#zz", 64).next(100));
    }

    @Test
    void dollarInsideAPacketIsAProtocolError() {
        assertThrows(RspProtocolException.class, () -> reader("$O$K#9a", 64).next(100));
    }

    @Test
    void oversizedPacketIsRejectedWithAClearError() {
        String big = "$" + "a".repeat(100) + "#00";
        RspProtocolException e = assertThrows(RspProtocolException.class, () -> reader(big, 64).next(100));
        assertTrue(e.getMessage().contains("exceeds"), e.getMessage());
    }

    @Test
    void truncatedPacketIsADisconnect() {
        assertThrows(RspDisconnectedException.class, () -> reader("$OK#9", 64).next(100));
        assertThrows(RspDisconnectedException.class, () -> reader("$OK", 64).next(100));
    }

    @Test
    void silenceInsideAPacketIsAMidPacketTimeout() {
        FrameReader r = new FrameReader(new ScriptedTransport("$O", true), new RspLimits(64, 1000, 16));
        RspTimeoutException e = assertThrows(RspTimeoutException.class, () -> r.next(100));
        assertTrue(e.midPacket());
    }

    @Test
    void silenceBetweenPacketsIsAHarmlessTimeout() {
        FrameReader r = new FrameReader(new ScriptedTransport("", true), new RspLimits(64, 1000, 16));
        RspTimeoutException e = assertThrows(RspTimeoutException.class, () -> r.next(100));
        assertFalse(e.midPacket());
    }

    @Test
    void tooMuchJunkIsAProtocolError() {
        assertThrows(RspProtocolException.class, () -> reader("x".repeat(17) + "$OK#9a", 64).next(100));
    }

    @Test
    void hexHelpers() throws Exception {
        assertEquals("00ff10", Hex.encode(new byte[] {0, (byte) 0xff, 0x10}));
        assertArrayEquals(new byte[] {(byte) 0xab, 0x01}, Hex.decode("AB01"));
        assertThrows(RspProtocolException.class, () -> Hex.decode("abc"));
        assertThrows(RspProtocolException.class, () -> Hex.decode("zz"));
        assertEquals(0xffffffc0dead0000L, Hex.parseLong("ffffffc0dead0000"));
        assertThrows(RspProtocolException.class, () -> Hex.parseLong("1ffffffffffffffff"));
        assertEquals("info mem", Hex.decodeText("696e666f206d656d"));
    }

    @Test
    void errorRepliesAreRecognised() {
        assertTrue(Replies.isError("E14"));
        assertTrue(Replies.isError("E.no such thing"));
        assertFalse(Replies.isError("E1"));
        assertFalse(Replies.isError("e14ab"));
        assertFalse(Replies.isError("OK"));
        assertEquals(0x14, Replies.errorCode("E14"));
        assertTrue(Replies.isConsoleOutput(b("O48")));
        assertFalse(Replies.isConsoleOutput(b("OK")));
    }

    /** Independent checksum oracle: a plain loop over the characters. */
    private static String cs(String body) {
        int sum = 0;
        for (char c : body.toCharArray()) {
            sum += c;
        }
        return String.format("%02x", sum & 0xff);
    }
}
