package org.vmscope.bridge.rsp;

import java.nio.charset.StandardCharsets;

/** Hex text as used by RSP payloads: lower-case on output, either case on input. */
public final class Hex {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {
    }

    public static String encode(byte[] data) {
        return encode(data, 0, data.length);
    }

    public static String encode(byte[] data, int off, int len) {
        char[] out = new char[len * 2];
        for (int i = 0; i < len; i++) {
            int b = data[off + i] & 0xff;
            out[2 * i] = DIGITS[b >>> 4];
            out[2 * i + 1] = DIGITS[b & 0xf];
        }
        return new String(out);
    }

    /** Hex of the UTF-8 bytes of {@code text}; used for qRcmd commands. */
    public static String encodeText(String text) {
        return encode(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Value of one hex digit, or -1. */
    public static int digit(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** Decodes hex held as ASCII bytes (a packet payload) without building a String. */
    public static byte[] decode(byte[] ascii) throws RspProtocolException {
        if ((ascii.length & 1) != 0) {
            throw new RspProtocolException("odd-length hex data (" + ascii.length + " digits)");
        }
        byte[] out = new byte[ascii.length / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = digit(ascii[2 * i]);
            int lo = digit(ascii[2 * i + 1]);
            if (hi < 0 || lo < 0) {
                throw new RspProtocolException("invalid hex digit at offset " + (2 * i));
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }

    public static byte[] decode(CharSequence hex) throws RspProtocolException {
        return decode(hex, 0, hex.length());
    }

    public static byte[] decode(CharSequence hex, int from, int to) throws RspProtocolException {
        int n = to - from;
        if (n < 0 || (n & 1) != 0) {
            throw new RspProtocolException("odd-length hex data (" + n + " digits)");
        }
        byte[] out = new byte[n / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = digit(hex.charAt(from + 2 * i));
            int lo = digit(hex.charAt(from + 2 * i + 1));
            if (hi < 0 || lo < 0) {
                throw new RspProtocolException("invalid hex digit at offset " + (2 * i) + " in "
                        + RspErrorReplyException.abbreviate(hex.subSequence(from, to).toString()));
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }

    /** Unsigned hex number (at most 16 digits), as in addresses and lengths. */
    public static long parseLong(CharSequence s) throws RspProtocolException {
        if (s.length() == 0 || s.length() > 16) {
            throw new RspProtocolException("bad hex number '" + RspErrorReplyException.abbreviate(s.toString()) + "'");
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            int d = digit(s.charAt(i));
            if (d < 0) {
                throw new RspProtocolException("bad hex number '" + s + "'");
            }
            v = v << 4 | d;
        }
        return v;
    }

    /** Hex number that must fit a non-negative int. */
    public static int parseInt(CharSequence s) throws RspProtocolException {
        long v = parseLong(s);
        if (v > Integer.MAX_VALUE) {
            throw new RspProtocolException("hex number too large: " + s);
        }
        return (int) v;
    }

    /** Decodes hex to text (qRcmd output); bytes are taken as UTF-8. */
    public static String decodeText(CharSequence hex) throws RspProtocolException {
        return new String(decode(hex), StandardCharsets.UTF_8);
    }

    static String latin1(byte[] payload) {
        return new String(payload, StandardCharsets.ISO_8859_1);
    }

    static byte[] latin1(String payload) {
        return payload.getBytes(StandardCharsets.ISO_8859_1);
    }
}
