package org.vmscope.bridge.rsp;

import java.util.ArrayDeque;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Matches replies to requests, with several requests in flight if the caller wants.
 *
 * <p>In ack mode every transmission is answered by {@code +} (accepted) or {@code -} (send again),
 * in the order the peer received them, and a request's ack always precedes its reply. So requests
 * move from "unacked" to "accepted" on each {@code +}, a {@code -} resends the oldest unacked one
 * (at the back, since the peer will see it after the ones already sent), and each reply belongs to
 * the oldest accepted request. A packet that arrives while nothing is accepted is unsolicited (QEMU
 * sends a stop reply right after connecting to a running VM) and is set aside. In no-ack mode a
 * request is accepted as soon as it is sent.
 */
final class RequestPipeline {
    private static final int MAX_RETRANSMIT = 5;
    private static final int MAX_BAD_CHECKSUMS = 5;
    private static final int MAX_STRAY = 1000;
    private static final int MAX_INTERMEDIATE = 100_000;

    /** One request waiting for its final reply. */
    static final class Pending {
        final byte[] payload;
        final Predicate<byte[]> intermediate;
        final Consumer<byte[]> onIntermediate;
        int retransmits;
        int intermediates;

        Pending(byte[] payload, Predicate<byte[]> intermediate, Consumer<byte[]> onIntermediate) {
            this.payload = payload;
            this.intermediate = intermediate;
            this.onIntermediate = onIntermediate;
        }

        String text() {
            return Hex.latin1(payload);
        }
    }

    private final RspConnection conn;
    private final ArrayDeque<Pending> unacked = new ArrayDeque<>();
    private final ArrayDeque<Pending> accepted = new ArrayDeque<>();
    private final Consumer<byte[]> unsolicited;
    private int badChecksums;
    private int stray;

    RequestPipeline(RspConnection conn, Consumer<byte[]> unsolicited) {
        this.conn = conn;
        this.unsolicited = unsolicited;
    }

    int inFlight() {
        return unacked.size() + accepted.size();
    }

    Pending submit(String payload) throws RspException {
        return submit(Hex.latin1(payload), p -> false, p -> { });
    }

    Pending submit(byte[] payload, Predicate<byte[]> intermediate, Consumer<byte[]> onIntermediate)
            throws RspException {
        Pending p = new Pending(payload, intermediate, onIntermediate);
        conn.sendPacket(payload);
        if (conn.ackMode()) {
            unacked.add(p);
        } else {
            accepted.add(p);
        }
        return p;
    }

    /** Forgets every outstanding request (after the stream was abandoned). */
    void clear() {
        unacked.clear();
        accepted.clear();
    }

    /**
     * Final reply of the oldest outstanding request, which must be {@code expected}.
     * Intermediate replies (console output) extend the wait.
     */
    byte[] awaitReply(Pending expected, long timeoutMillis) throws RspException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                throw new RspTimeoutException("no reply to " + RspErrorReplyException.abbreviate(expected.text())
                        + " within " + timeoutMillis + " ms", false);
            }
            RspFrame f = conn.readFrame(left);
            switch (f.kind()) {
                case ACK -> {
                    Pending p = unacked.poll();
                    if (p != null) {
                        accepted.add(p);
                    } else {
                        stray();
                    }
                }
                case NACK -> {
                    Pending p = unacked.poll();
                    if (p == null) {
                        stray();
                    } else {
                        if (++p.retransmits > MAX_RETRANSMIT) {
                            throw new RspProtocolException("target rejected "
                                    + RspErrorReplyException.abbreviate(p.text()) + " " + MAX_RETRANSMIT + " times");
                        }
                        conn.sendPacket(p.payload);
                        conn.stats().retransmission();
                        unacked.add(p);
                    }
                }
                case BAD_CHECKSUM -> {
                    if (!conn.ackMode()) {
                        throw new RspProtocolException("packet with a bad checksum in no-ack mode");
                    }
                    if (++badChecksums > MAX_BAD_CHECKSUMS) {
                        throw new RspProtocolException("too many packets with bad checksums");
                    }
                    conn.sendNack();
                }
                case NOTIFICATION, INTERRUPT -> stray();
                case PACKET -> {
                    if (conn.ackMode()) {
                        conn.sendAck();
                    }
                    badChecksums = 0;
                    Pending head = accepted.peek();
                    if (head == null) {
                        stray();
                        unsolicited.accept(f.payload());
                        continue;
                    }
                    if (head.intermediate.test(f.payload())) {
                        if (++head.intermediates > MAX_INTERMEDIATE) {
                            throw new RspProtocolException("target sent more than " + MAX_INTERMEDIATE
                                    + " output packets for one request");
                        }
                        head.onIntermediate.accept(f.payload());
                        deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
                        continue;
                    }
                    accepted.poll();
                    stray = 0;
                    conn.stats().roundTrip();
                    if (head != expected) {
                        throw new RspProtocolException("reply order lost: got the reply to "
                                + RspErrorReplyException.abbreviate(head.text()));
                    }
                    return f.payload();
                }
                default -> throw new IllegalStateException();
            }
        }
    }

    private void stray() throws RspProtocolException {
        if (++stray > MAX_STRAY) {
            throw new RspProtocolException("too many unexpected acks or packets from the target");
        }
    }
}
