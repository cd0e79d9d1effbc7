package org.vmscope.bridge.mirror;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vmscope.bridge.rsp.RspClient;
import org.vmscope.bridge.rsp.RspException;
import org.vmscope.bridge.rsp.RspProtocolException;

/**
 * Physical reads through QEMU's monitor: {@code xp /Nxb ADDR} over {@code qRcmd}. Slower than the
 * physical memory mode (text output, one command per chunk) but it needs no stub extension and leaves
 * no mode behind. Bytes ({@code xb}) keep the output free of byte-order questions.
 */
public final class MonitorXpChannel implements PhysicalChannel {
    /** Bytes per {@code xp} command: about 30 KB of monitor text. */
    static final int CHUNK = 4096;
    private static final Pattern LINE = Pattern.compile("^([0-9a-fA-F]+):(.*)$");

    private final RspClient client;

    public MonitorXpChannel(RspClient client) {
        this.client = client;
    }

    @Override
    public String name() {
        return "xp";
    }

    @Override
    public <T> T inScope(Scoped<T> body) throws RspException {
        return body.run();
    }

    @Override
    public byte[] read(long pa, int length) throws RspException {
        byte[] out = new byte[length];
        for (int done = 0; done < length; done += CHUNK) {
            int n = Math.min(CHUNK, length - done);
            long at = pa + done;
            byte[] part = parse(client.monitor(String.format("xp /%dxb 0x%x", n, at)), at, n);
            System.arraycopy(part, 0, out, done, n);
        }
        return out;
    }

    /**
     * Parses {@code xp /Nxb} output: lines {@code ADDR: 0xNN 0xNN ...}, each starting where the
     * previous one ended. "Cannot access memory" or anything else is an error.
     */
    static byte[] parse(String text, long pa, int length) throws RspException {
        byte[] out = new byte[length];
        int got = 0;
        for (String raw : text.split("\r?\n")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw new RspProtocolException("unexpected xp output '" + abbreviate(line) + "'");
            }
            long addr = Long.parseUnsignedLong(m.group(1), 16);
            if (addr != pa + got) {
                throw new RspProtocolException(String.format("xp output at 0x%x, expected 0x%x", addr, pa + got));
            }
            String rest = m.group(2).strip();
            if (rest.contains("Cannot access memory")) {
                throw new RspException(String.format("xp: cannot access memory at 0x%x", addr));
            }
            for (String tok : rest.split("\\s+")) {
                if (!tok.startsWith("0x") || tok.length() > 4 || tok.length() < 3) {
                    throw new RspProtocolException("unexpected xp byte '" + abbreviate(tok) + "'");
                }
                if (got >= length) {
                    throw new RspProtocolException("xp printed more than " + length + " bytes");
                }
                out[got++] = (byte) Integer.parseInt(tok.substring(2), 16);
            }
        }
        if (got != length) {
            throw new RspProtocolException("xp printed " + got + " of " + length + " bytes");
        }
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}
