package org.vmscope.bridge.rsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A hand-written stub that answers the handshake and then misbehaves in one chosen way.
 * It speaks raw bytes, so it does not depend on our codec.
 */
@Timeout(60)
class MisbehavingTargetTest {
    private ServerSocket listener;
    private Thread thread;
    private RspClient client;

    private RspClient connect(int port, RspClientOptions o) throws RspException {
        client = RspClient.connect("127.0.0.1", port, o);
        return client;
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (listener != null) {
            listener.close();
        }
        if (thread != null) {
            thread.join(5000);
        }
    }

    private static String frame(String payload) {
        int sum = 0;
        for (char c : payload.toCharArray()) {
            sum += c;
        }
        return "$" + payload + "#" + String.format("%02x", sum & 0xff);
    }

    /**
     * Starts a stub in ack mode; {@code answer} maps a request to the raw bytes sent back after the
     * ack (null: close the connection).
     */
    private int stub(Function<String, String> answer) throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        thread = new Thread(() -> {
            try (Socket s = listener.accept()) {
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                StringBuilder cur = null;
                int c;
                while ((c = in.read()) >= 0) {
                    if (c == '$') {
                        cur = new StringBuilder();
                    } else if (c == '#' && cur != null) {
                        in.read();
                        in.read();
                        String req = cur.toString();
                        cur = null;
                        String reply = req.startsWith("qSupported") ? frame("PacketSize=100")
                                : req.equals("?") ? frame("S05") : answer.apply(req);
                        if (reply == null) {
                            return;
                        }
                        out.write(("+" + reply).getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                    } else if (cur != null) {
                        cur.append((char) c);
                    }
                }
            } catch (IOException e) {
                // test over
            }
        });
        thread.setDaemon(true);
        thread.start();
        return listener.getLocalPort();
    }

    private static RspClientOptions options() {
        return RspClientOptions.defaults().withReplyTimeoutMillis(500)
                .withLimits(new RspLimits(1024, 500, 64));
    }

    @Test
    void closingMidReadKeepsWhatWasRead() throws Exception {
        // PacketSize=0x100: 128 bytes per m; the third request finds the connection gone
        int port = stub(req -> req.startsWith("m") && !req.startsWith("m100")
                ? frame("ab".repeat(128)) : null);
        RspClient c = connect(port, options().withPipelineDepth(1));
        assertEquals(0x100, c.packetSize());
        RspDisconnectedException e = assertThrows(RspDisconnectedException.class, () -> c.readMemory(0, 1024));
        byte[] partial = e.partialData();
        assertEquals(256, partial.length);
        for (byte b : partial) {
            assertEquals((byte) 0xab, b);
        }
        assertFalse(c.isOpen());
    }

    @Test
    void oversizedReplyIsAProtocolError() throws Exception {
        int port = stub(req -> frame("00".repeat(2000)));
        RspClient c = connect(port, options());
        RspProtocolException e = assertThrows(RspProtocolException.class, () -> c.request("g"));
        assertTrue(e.getMessage().contains("exceeds"), e.getMessage());
        assertFalse(c.isOpen(), "stream is out of step after an oversized packet");
    }

    @Test
    void garbageIsAProtocolError() throws Exception {
        int port = stub(req -> "this is not rsp at all, just a banner that goes on and on and on and on");
        RspClient c = connect(port, options());
        assertThrows(RspProtocolException.class, () -> c.request("g"));
    }

    @Test
    void silenceIsATimeout() throws Exception {
        int port = stub(req -> "");
        RspClient c = connect(port, options());
        assertThrows(RspTimeoutException.class, () -> c.request("g"));
        assertFalse(c.isOpen());
    }

    @Test
    void truncatedReplyIsAMidPacketTimeout() throws Exception {
        int port = stub(req -> "$0011");
        RspClient c = connect(port, options());
        RspTimeoutException e = assertThrows(RspTimeoutException.class, () -> c.request("g"));
        assertTrue(e.midPacket());
    }

    @Test
    void badHexInMemoryReplyIsAProtocolError() throws Exception {
        int port = stub(req -> frame("zz"));
        RspClient c = connect(port, options());
        assertThrows(RspProtocolException.class, () -> c.readMemory(0, 1));
    }

    @Test
    void shortRepliesAreCompleted() throws Exception {
        // a stub that returns at most 3 bytes per m: the client asks again for the rest
        int port = stub(req -> {
            String[] parts = req.substring(1).split(",");
            long addr = Long.parseLong(parts[0], 16);
            int len = Math.min(3, Integer.parseInt(parts[1], 16));
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < len; i++) {
                hex.append(String.format("%02x", (addr + i) & 0xff));
            }
            return frame(hex.toString());
        });
        RspClient c = connect(port, options());
        byte[] want = new byte[300];
        for (int i = 0; i < want.length; i++) {
            want[i] = (byte) (0x10 + i);
        }
        assertArrayEquals(want, c.readMemory(0x10, 300));
    }

    @Test
    void unsupportedPhysicalModeIsReported() throws Exception {
        int port = stub(req -> frame(""));
        RspClient c = connect(port, options());
        assertFalse(c.supportsPhysicalMemoryMode());
        assertThrows(RspUnsupportedException.class, () -> c.readPhysicalMemory(0, 4));
        assertThrows(RspUnsupportedException.class, () -> c.monitor("info mem"));
        assertThrows(RspUnsupportedException.class, c::requireTargetDescription);
    }
}
