package org.vmscope.bridge.rsp;

import java.util.Arrays;

/**
 * One unit read from the wire: a packet, a notification, an ack, a nack, the interrupt byte, or a
 * packet whose checksum did not match (the caller decides whether to nack it).
 *
 * @param kind    what arrived
 * @param payload decoded payload (escapes and run-lengths expanded); empty for non-packets
 * @param rawBody the bytes between {@code $}/{@code %} and {@code #} exactly as received, so a proxy
 *                can forward a packet unchanged
 */
public record RspFrame(Kind kind, byte[] payload, byte[] rawBody) {

    public enum Kind { PACKET, NOTIFICATION, ACK, NACK, INTERRUPT, BAD_CHECKSUM }

    static final RspFrame ACK = new RspFrame(Kind.ACK, new byte[0], new byte[0]);
    static final RspFrame NACK = new RspFrame(Kind.NACK, new byte[0], new byte[0]);
    static final RspFrame INTERRUPT = new RspFrame(Kind.INTERRUPT, new byte[0], new byte[0]);

    /** The payload as text (one char per byte), convenient for command and reply parsing. */
    public String text() {
        return Hex.latin1(payload);
    }

    @Override
    public String toString() {
        return kind + (payload.length > 0 ? "(" + RspErrorReplyException.abbreviate(text()) + ")" : "");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RspFrame f && f.kind == kind && Arrays.equals(f.payload, payload)
                && Arrays.equals(f.rawBody, rawBody);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Arrays.hashCode(payload);
    }
}
