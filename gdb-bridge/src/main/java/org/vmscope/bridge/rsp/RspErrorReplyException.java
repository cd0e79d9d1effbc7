package org.vmscope.bridge.rsp;

/**
 * The target answered with an error reply: {@code Enn} (two hex digits) or {@code E.text}.
 * QEMU, for example, answers {@code E14} for an unmapped virtual address and {@code E22} for a bad
 * argument; the code is kept as sent so callers can tell them apart.
 */
public class RspErrorReplyException extends RspException {
    private static final long serialVersionUID = 1L;
    private final int code;
    private final String reply;

    public RspErrorReplyException(String request, String reply, int code) {
        super("target answered " + reply + " to " + abbreviate(request));
        this.code = code;
        this.reply = reply;
    }

    /** The error number as sent (hex digits parsed), or -1 for the textual {@code E.} form. */
    public int code() {
        return code;
    }

    /** The whole error reply, e.g. {@code E14}. */
    public String reply() {
        return reply;
    }

    static String abbreviate(String s) {
        return s.length() <= 48 ? s : s.substring(0, 45) + "...";
    }
}
