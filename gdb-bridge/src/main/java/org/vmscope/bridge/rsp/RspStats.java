package org.vmscope.bridge.rsp;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of one connection: bytes and packets each way, round trips, retransmissions. */
public final class RspStats {
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicLong bytesReceived = new AtomicLong();
    private final AtomicLong packetsSent = new AtomicLong();
    private final AtomicLong packetsReceived = new AtomicLong();
    private final AtomicLong roundTrips = new AtomicLong();
    private final AtomicLong retransmissions = new AtomicLong();
    private final AtomicLong nacksSent = new AtomicLong();

    /** An immutable copy of the counters. */
    public record Snapshot(long bytesSent, long bytesReceived, long packetsSent, long packetsReceived,
                           long roundTrips, long retransmissions, long nacksSent) {
    }

    public Snapshot snapshot() {
        return new Snapshot(bytesSent.get(), bytesReceived.get(), packetsSent.get(), packetsReceived.get(),
                roundTrips.get(), retransmissions.get(), nacksSent.get());
    }

    public long bytesSent() {
        return bytesSent.get();
    }

    public long bytesReceived() {
        return bytesReceived.get();
    }

    public long roundTrips() {
        return roundTrips.get();
    }

    void sent(int n) {
        bytesSent.addAndGet(n);
    }

    void received(int n) {
        bytesReceived.addAndGet(n);
    }

    void packetSent() {
        packetsSent.incrementAndGet();
    }

    void packetReceived() {
        packetsReceived.incrementAndGet();
    }

    void roundTrip() {
        roundTrips.incrementAndGet();
    }

    void retransmission() {
        retransmissions.incrementAndGet();
    }

    void nackSent() {
        nacksSent.incrementAndGet();
    }

    @Override
    public String toString() {
        return snapshot().toString();
    }
}
