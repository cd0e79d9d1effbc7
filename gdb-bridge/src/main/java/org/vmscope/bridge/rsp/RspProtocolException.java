package org.vmscope.bridge.rsp;

/** The peer sent something that is not valid RSP (bad framing, bad hex, oversized, unexpected reply). */
public class RspProtocolException extends RspException {
    private static final long serialVersionUID = 1L;

    public RspProtocolException(String message) {
        super(message);
    }

    public RspProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
