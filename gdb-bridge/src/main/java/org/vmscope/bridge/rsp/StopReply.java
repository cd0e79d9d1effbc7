package org.vmscope.bridge.rsp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed stop reply: {@code Sss}, {@code Tss n:r;...}, {@code Wxx[;process:pid]},
 * {@code Xss[;process:pid]}, {@code N} (no resumed threads) or {@code w..} (thread exit).
 *
 * @param kind  what happened
 * @param code  signal number (S/T/X/w) or exit status (W); 0 for N
 * @param info  the {@code name:value} pairs of a T reply (register numbers in hex, or keywords such as
 *              {@code thread}, {@code core}, {@code swbreak}), in order
 * @param raw   the reply as received
 */
public record StopReply(Kind kind, int code, Map<String, String> info, String raw) {

    public enum Kind {
        /** S or T: the target stopped with a signal and is halted. */
        SIGNALLED,
        /** W: the process exited. */
        EXITED,
        /** X: the process was terminated by a signal. */
        TERMINATED,
        /** N: no resumed thread left. */
        NO_RESUMED,
        /** w: a thread exited (non-stop mode). */
        THREAD_EXITED
    }

    public StopReply {
        info = Collections.unmodifiableMap(new LinkedHashMap<>(info));
    }

    /** Whether the target is halted and can be inspected. */
    public boolean halted() {
        return kind == Kind.SIGNALLED;
    }

    /** The {@code thread} value of a T reply. */
    public Optional<String> thread() {
        return Optional.ofNullable(info.get("thread"));
    }

    /** Whether {@code reply} looks like a stop reply (checked by its first character). */
    public static boolean looksLikeStopReply(String reply) {
        if (reply.isEmpty()) {
            return false;
        }
        char c = reply.charAt(0);
        return c == 'S' || c == 'T' || c == 'W' || c == 'X' || c == 'N' || c == 'w';
    }

    public static StopReply parse(String reply) throws RspProtocolException {
        if (reply.equals("N")) {
            return new StopReply(Kind.NO_RESUMED, 0, Map.of(), reply);
        }
        if (reply.length() < 3) {
            throw new RspProtocolException("malformed stop reply '" + reply + "'");
        }
        int code = Hex.parseInt(reply.substring(1, 3));
        Map<String, String> info = new LinkedHashMap<>();
        String rest = reply.substring(3);
        Kind kind;
        switch (reply.charAt(0)) {
            case 'S' -> {
                kind = Kind.SIGNALLED;
                if (!rest.isEmpty()) {
                    throw new RspProtocolException("malformed S stop reply '" + reply + "'");
                }
            }
            case 'T' -> {
                kind = Kind.SIGNALLED;
                parsePairs(rest, info, reply);
            }
            case 'W', 'X', 'w' -> {
                kind = switch (reply.charAt(0)) {
                    case 'W' -> Kind.EXITED;
                    case 'X' -> Kind.TERMINATED;
                    default -> Kind.THREAD_EXITED;
                };
                if (rest.startsWith(";")) {
                    parsePairs(rest.substring(1), info, reply);
                } else if (!rest.isEmpty()) {
                    // w replies carry ";tid"; anything else here is malformed
                    throw new RspProtocolException("malformed stop reply '" + reply + "'");
                }
            }
            default -> throw new RspProtocolException("not a stop reply: '" + RspErrorReplyException.abbreviate(reply) + "'");
        }
        return new StopReply(kind, code, info, reply);
    }

    private static void parsePairs(String rest, Map<String, String> info, String reply) throws RspProtocolException {
        for (String pair : rest.split(";")) {
            if (pair.isEmpty()) {
                continue;
            }
            int colon = pair.indexOf(':');
            if (colon < 0) {
                // a bare word such as the tid of a 'w' reply
                info.put(pair, "");
                continue;
            }
            if (colon == 0) {
                throw new RspProtocolException("malformed stop reply '" + RspErrorReplyException.abbreviate(reply) + "'");
            }
            info.put(pair.substring(0, colon), pair.substring(colon + 1));
        }
    }
}
