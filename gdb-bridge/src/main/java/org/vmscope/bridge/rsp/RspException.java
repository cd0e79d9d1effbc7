package org.vmscope.bridge.rsp;

import java.io.IOException;
import java.util.Arrays;

/**
 * Base of every failure of the GDB remote protocol layer. A memory read that fails part way keeps
 * the bytes it had already read, from the start of the request, as {@link #partialData()}.
 */
public class RspException extends IOException {
    private static final long serialVersionUID = 1L;
    private byte[] partial = new byte[0];

    public RspException(String message) {
        super(message);
    }

    public RspException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Bytes successfully read from the start of the failed request (empty when none or not a read). */
    public byte[] partialData() {
        return partial.clone();
    }

    /** Attaches the bytes read before the failure; used by multi-packet reads. */
    RspException withPartial(byte[] data) {
        this.partial = data == null ? new byte[0] : Arrays.copyOf(data, data.length);
        return this;
    }
}
