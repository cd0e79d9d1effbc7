package org.vmscope.bridge.rsp;

import java.io.Closeable;

/**
 * One end of an RSP link: frames out, frames in, the ack mode, and the statistics. Writes are
 * serialised so that an interrupt byte or an ack never lands inside a packet; reads must come from
 * one thread at a time. Acks are not awaited here: {@link RequestPipeline} (client side) or the
 * server/proxy loops decide what an ack or nack means.
 */
public final class RspConnection implements Closeable {
    private final RspTransport transport;
    private final FrameReader reader;
    private final RspStats stats;
    private final Object writeLock = new Object();
    private volatile boolean ackMode = true;
    private byte[] lastFrame;

    public RspConnection(RspTransport transport, RspLimits limits, RspStats stats) {
        this.transport = transport;
        this.reader = new FrameReader(transport, limits);
        this.stats = stats;
    }

    public RspStats stats() {
        return stats;
    }

    /** Whether packets are acknowledged with {@code +}/{@code -} (true until no-ack mode is agreed). */
    public boolean ackMode() {
        return ackMode;
    }

    public void setAckMode(boolean on) {
        this.ackMode = on;
    }

    /** Sends one packet with the given (unescaped) payload. */
    public void sendPacket(byte[] payload) throws RspException {
        sendFrame(PacketCodec.frame(payload));
    }

    public void sendPacket(String payload) throws RspException {
        sendPacket(Hex.latin1(payload));
    }

    /** Sends a packet whose body is already escaped, exactly as it was received elsewhere. */
    public void forwardPacket(RspFrame frame) throws RspException {
        byte start = frame.kind() == RspFrame.Kind.NOTIFICATION ? PacketCodec.NOTIFY : PacketCodec.START;
        byte[] f = PacketCodec.frameBody(start, frame.rawBody());
        if (start == PacketCodec.NOTIFY) {
            writeRaw(f);  // notifications are never acked, so never retransmitted
            return;
        }
        sendFrame(f);
    }

    private void sendFrame(byte[] frame) throws RspException {
        synchronized (writeLock) {
            transport.write(frame);
            lastFrame = frame;
        }
        stats.packetSent();
    }

    /** Sends the last packet again (the peer answered {@code -}). */
    public void retransmitLast() throws RspException {
        synchronized (writeLock) {
            if (lastFrame == null) {
                return;
            }
            transport.write(lastFrame);
        }
        stats.retransmission();
    }

    public void sendAck() throws RspException {
        writeRaw(new byte[] {PacketCodec.ACK});
    }

    public void sendNack() throws RspException {
        writeRaw(new byte[] {PacketCodec.NACK});
        stats.nackSent();
    }

    /** The out-of-band interrupt byte (^C) that asks a running target to stop. */
    public void sendInterrupt() throws RspException {
        writeRaw(new byte[] {PacketCodec.INTERRUPT});
    }

    private void writeRaw(byte[] b) throws RspException {
        synchronized (writeLock) {
            transport.write(b);
        }
    }

    /** Next frame from the peer; see {@link FrameReader#next(long)}. */
    public RspFrame readFrame(long idleTimeoutMillis) throws RspException {
        RspFrame f = reader.next(idleTimeoutMillis);
        if (f.kind() == RspFrame.Kind.PACKET || f.kind() == RspFrame.Kind.NOTIFICATION) {
            stats.packetReceived();
        }
        return f;
    }

    public boolean isOpen() {
        return transport.isOpen();
    }

    @Override
    public void close() {
        transport.close();
    }
}
