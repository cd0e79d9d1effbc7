package org.vmscope.bridge.rsp;

/**
 * Splits the incoming byte stream into {@link RspFrame}s. Bytes outside packets other than
 * {@code + - ^C} are skipped (stubs may print junk), but only up to a limit. Any violation inside a
 * packet is a {@link RspProtocolException}; after one the stream is out of step and should be closed.
 */
public final class FrameReader {
    private final RspTransport transport;
    private final RspLimits limits;
    private final byte[] body;

    public FrameReader(RspTransport transport, RspLimits limits) {
        this.transport = transport;
        this.limits = limits;
        this.body = new byte[limits.maxPacketBytes()];
    }

    /**
     * Reads the next frame. Waits at most {@code idleTimeoutMillis} for it to start; once it has
     * started the whole frame must arrive within the frame timeout.
     */
    public RspFrame next(long idleTimeoutMillis) throws RspException {
        long idleDeadline = System.nanoTime() + idleTimeoutMillis * 1_000_000L;
        int junk = 0;
        while (true) {
            int c = transport.read(Math.max(1, remainingMillis(idleDeadline)));
            switch (c) {
                case PacketCodec.ACK:
                    return RspFrame.ACK;
                case PacketCodec.NACK:
                    return RspFrame.NACK;
                case PacketCodec.INTERRUPT:
                    return RspFrame.INTERRUPT;
                case PacketCodec.START:
                case PacketCodec.NOTIFY:
                    return readPacket(c == PacketCodec.NOTIFY);
                default:
                    if (++junk > limits.maxJunkBytes()) {
                        throw new RspProtocolException("more than " + limits.maxJunkBytes()
                                + " bytes outside any packet (not an RSP peer?)");
                    }
                    if (remainingMillis(idleDeadline) <= 0) {
                        throw new RspTimeoutException("no packet within " + idleTimeoutMillis + " ms", false);
                    }
            }
        }
    }

    private RspFrame readPacket(boolean notification) throws RspException {
        long deadline = System.nanoTime() + limits.frameTimeoutMillis() * 1_000_000L;
        int len = 0;
        while (true) {
            int c = readInFrame(deadline);
            if (c == PacketCodec.END) {
                break;
            }
            if (c == PacketCodec.START) {
                throw new RspProtocolException("unescaped '$' inside a packet");
            }
            if (len >= body.length) {
                throw new RspProtocolException("packet exceeds the limit of " + body.length + " bytes");
            }
            body[len++] = (byte) c;
        }
        int hi = Hex.digit(readInFrame(deadline));
        int lo = Hex.digit(readInFrame(deadline));
        if (hi < 0 || lo < 0) {
            throw new RspProtocolException("packet checksum is not two hex digits");
        }
        byte[] raw = new byte[len];
        System.arraycopy(body, 0, raw, 0, len);
        if ((hi << 4 | lo) != PacketCodec.checksum(body, 0, len)) {
            return new RspFrame(RspFrame.Kind.BAD_CHECKSUM, new byte[0], raw);
        }
        byte[] payload = PacketCodec.decodeBody(body, len, limits.maxPacketBytes());
        return new RspFrame(notification ? RspFrame.Kind.NOTIFICATION : RspFrame.Kind.PACKET, payload, raw);
    }

    private int readInFrame(long deadline) throws RspException {
        int c = transport.poll();
        if (c >= 0) {
            return c;
        }
        long left = remainingMillis(deadline);
        if (left <= 0) {
            throw new RspTimeoutException("packet incomplete after " + limits.frameTimeoutMillis() + " ms", true);
        }
        try {
            return transport.read(left);
        } catch (RspTimeoutException e) {
            throw new RspTimeoutException("packet incomplete after " + limits.frameTimeoutMillis() + " ms", true);
        }
    }

    private static long remainingMillis(long deadlineNanos) {
        return (deadlineNanos - System.nanoTime()) / 1_000_000L;
    }
}
