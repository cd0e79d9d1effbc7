package org.vmscope.bridge.rsp;

/**
 * A served target refuses or fails a request; the server answers {@code E} followed by
 * {@link #errorCode()} as two hex digits (QEMU's conventions: 0x14 bad address, 0x22 bad argument).
 */
public class ServedTargetException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Unreadable or unmapped address. */
    public static final int BAD_ADDRESS = 0x14;
    /** Malformed or out-of-range argument. */
    public static final int BAD_ARGUMENT = 0x22;
    /** The operation is not allowed (e.g. writes to a read-only target). */
    public static final int REFUSED = 0x01;

    private final int errorCode;

    public ServedTargetException(int errorCode, String message) {
        super(message);
        if (errorCode < 0 || errorCode > 0xff) {
            throw new IllegalArgumentException("error code must fit two hex digits: " + errorCode);
        }
        this.errorCode = errorCode;
    }

    public int errorCode() {
        return errorCode;
    }

    /** The reply packet, e.g. {@code E14}. */
    public String reply() {
        return String.format("E%02x", errorCode);
    }
}
