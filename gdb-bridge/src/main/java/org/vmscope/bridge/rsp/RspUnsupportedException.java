package org.vmscope.bridge.rsp;

/** The target does not support a packet or feature the caller needs (empty reply, or not offered). */
public class RspUnsupportedException extends RspException {
    private static final long serialVersionUID = 1L;

    public RspUnsupportedException(String message) {
        super(message);
    }
}
