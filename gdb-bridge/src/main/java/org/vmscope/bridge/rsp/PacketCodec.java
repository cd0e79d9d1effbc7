package org.vmscope.bridge.rsp;

import java.io.ByteArrayOutputStream;

/**
 * Framing of RSP packets: {@code $body#cc}, where cc is the modulo-256 sum of the body bytes.
 * On output {@code $ # } *} are escaped as {@code '}'} followed by the byte xor 0x20, so binary
 * payloads survive; run-length encoding is never produced. On input both escapes and run-lengths
 * ({@code X*n} repeats X n-29 more times) are expanded, within a size cap.
 */
public final class PacketCodec {
    public static final byte START = '$';
    public static final byte NOTIFY = '%';
    public static final byte END = '#';
    public static final byte ESCAPE = '}';
    public static final byte RUN = '*';
    public static final byte ACK = '+';
    public static final byte NACK = '-';
    public static final byte INTERRUPT = 0x03;

    private PacketCodec() {
    }

    /** Modulo-256 sum of {@code len} bytes. */
    public static int checksum(byte[] data, int off, int len) {
        int sum = 0;
        for (int i = 0; i < len; i++) {
            sum += data[off + i] & 0xff;
        }
        return sum & 0xff;
    }

    public static boolean needsEscape(int b) {
        return b == START || b == END || b == ESCAPE || b == RUN;
    }

    /** Escaped body of a payload (what goes between {@code $} and {@code #}). */
    public static byte[] escape(byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 8);
        for (byte b : payload) {
            if (needsEscape(b)) {
                out.write(ESCAPE);
                out.write(b ^ 0x20);
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    /** A complete frame {@code $escaped#cc} for a payload. */
    public static byte[] frame(byte[] payload) {
        return frameBody(START, escape(payload));
    }

    /** A complete frame around an already escaped body (used to forward packets unchanged). */
    public static byte[] frameBody(byte start, byte[] body) {
        byte[] out = new byte[body.length + 4];
        out[0] = start;
        System.arraycopy(body, 0, out, 1, body.length);
        int sum = checksum(body, 0, body.length);
        out[body.length + 1] = END;
        out[body.length + 2] = (byte) Character.forDigit(sum >>> 4, 16);
        out[body.length + 3] = (byte) Character.forDigit(sum & 0xf, 16);
        return out;
    }

    /**
     * Expands escapes and run-lengths of a received body.
     *
     * @param maxDecoded hard cap on the expanded size
     * @throws RspProtocolException on a dangling escape, a run without a preceding byte, an invalid
     *                              run count, or a payload that would exceed the cap
     */
    public static byte[] decodeBody(byte[] body, int len, int maxDecoded) throws RspProtocolException {
        byte[] out = new byte[Math.min(Math.max(len, 16), maxDecoded)];
        int n = 0;
        for (int i = 0; i < len; i++) {
            int c = body[i] & 0xff;
            if (c == ESCAPE) {
                if (i + 1 >= len) {
                    throw new RspProtocolException("escape character at the end of a packet");
                }
                out = ensure(out, n + 1, maxDecoded);
                out[n++] = (byte) ((body[++i] & 0xff) ^ 0x20);
            } else if (c == RUN) {
                if (n == 0) {
                    throw new RspProtocolException("run-length marker without a preceding character");
                }
                if (i + 1 >= len) {
                    throw new RspProtocolException("run-length marker at the end of a packet");
                }
                int count = body[++i] & 0xff;
                if (count < ' ' || count > '~' || count == START || count == END) {
                    throw new RspProtocolException("invalid run-length count 0x" + Integer.toHexString(count));
                }
                int repeat = count - 29;
                out = ensure(out, n + repeat, maxDecoded);
                byte prev = out[n - 1];
                for (int r = 0; r < repeat; r++) {
                    out[n++] = prev;
                }
            } else {
                out = ensure(out, n + 1, maxDecoded);
                out[n++] = (byte) c;
            }
        }
        byte[] exact = new byte[n];
        System.arraycopy(out, 0, exact, 0, n);
        return exact;
    }

    private static byte[] ensure(byte[] buf, int needed, int max) throws RspProtocolException {
        if (needed > max) {
            throw new RspProtocolException("packet exceeds the limit of " + max + " bytes after decoding");
        }
        if (needed <= buf.length) {
            return buf;
        }
        byte[] bigger = new byte[(int) Math.min(max, Math.max(needed, 2L * buf.length))];
        System.arraycopy(buf, 0, bigger, 0, buf.length);
        return bigger;
    }
}
