package org.vmscope.bridge.rsp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Transport fed from a fixed byte script; at its end it reports silence (timeout) or a hang-up. */
final class ScriptedTransport implements RspTransport {
    private final byte[] input;
    private final boolean silentAtEnd;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private int pos;
    private boolean open = true;

    ScriptedTransport(String script, boolean silentAtEnd) {
        this(script.getBytes(StandardCharsets.ISO_8859_1), silentAtEnd);
    }

    ScriptedTransport(byte[] script, boolean silentAtEnd) {
        this.input = script;
        this.silentAtEnd = silentAtEnd;
    }

    @Override
    public int read(long timeoutMillis) throws RspException {
        if (pos < input.length) {
            return input[pos++] & 0xff;
        }
        if (silentAtEnd) {
            throw new RspTimeoutException("script exhausted", false);
        }
        throw new RspDisconnectedException("script ended");
    }

    @Override
    public void write(byte[] data) {
        output.writeBytes(data);
    }

    String written() {
        return output.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
    }
}
