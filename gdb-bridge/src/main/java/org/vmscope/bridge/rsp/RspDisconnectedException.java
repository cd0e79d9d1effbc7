package org.vmscope.bridge.rsp;

/** The connection closed (or broke) while a request was outstanding or a packet was expected. */
public class RspDisconnectedException extends RspException {
    private static final long serialVersionUID = 1L;

    public RspDisconnectedException(String message) {
        super(message);
    }

    public RspDisconnectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
