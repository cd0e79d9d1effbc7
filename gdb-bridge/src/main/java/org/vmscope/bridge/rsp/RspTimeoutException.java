package org.vmscope.bridge.rsp;

/**
 * Nothing (or not enough) arrived in time. When {@link #midPacket()} is true a packet was cut in the
 * middle and the stream can no longer be trusted; otherwise nothing was consumed.
 */
public class RspTimeoutException extends RspException {
    private static final long serialVersionUID = 1L;
    private final boolean midPacket;

    public RspTimeoutException(String message, boolean midPacket) {
        super(message);
        this.midPacket = midPacket;
    }

    public boolean midPacket() {
        return midPacket;
    }
}
