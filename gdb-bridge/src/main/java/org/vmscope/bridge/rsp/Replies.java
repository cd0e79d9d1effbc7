package org.vmscope.bridge.rsp;

/** Classification of standard replies: error codes, OK, empty (= unsupported), console output. */
final class Replies {
    private Replies() {
    }

    /** {@code Enn} with two hex digits, or {@code E.text}. */
    static boolean isError(String reply) {
        if (reply.length() == 3 && reply.charAt(0) == 'E') {
            return Hex.digit(reply.charAt(1)) >= 0 && Hex.digit(reply.charAt(2)) >= 0;
        }
        return reply.startsWith("E.");
    }

    static int errorCode(String reply) {
        return reply.startsWith("E.") ? -1 : Hex.digit(reply.charAt(1)) << 4 | Hex.digit(reply.charAt(2));
    }

    /** Throws the mapped exception for an error reply; returns the reply otherwise. */
    static String checkError(String request, String reply) throws RspErrorReplyException {
        if (isError(reply)) {
            throw new RspErrorReplyException(request, reply, errorCode(reply));
        }
        return reply;
    }

    /** Requires exactly {@code OK}; empty means unsupported. */
    static void expectOk(String request, String reply) throws RspException {
        checkError(request, reply);
        if (reply.isEmpty()) {
            throw new RspUnsupportedException("target does not support " + RspErrorReplyException.abbreviate(request));
        }
        if (!reply.equals("OK")) {
            throw new RspProtocolException("expected OK to " + RspErrorReplyException.abbreviate(request)
                    + ", got " + RspErrorReplyException.abbreviate(reply));
        }
    }

    /** {@code O<hex>} console output (but not {@code OK}). */
    static boolean isConsoleOutput(byte[] payload) {
        return payload.length >= 1 && payload[0] == 'O' && !(payload.length == 2 && payload[1] == 'K');
    }
}
