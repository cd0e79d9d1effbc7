package org.vmscope.bridge.mirror;

/**
 * What a {@link GdbPhysReader} cost so far.
 *
 * @param bytesRead    payload bytes fetched from the target (cache hits excluded)
 * @param wireReads    contiguous reads sent to the channel (each is one or more pipelined packets)
 * @param roundTrips   RSP round trips of those reads, mode switches included
 * @param wireNanos    time spent waiting for those reads
 * @param pageHits     page look-ups answered from the stop cache
 * @param refused      reads refused before the wire (outside RAM, over budget, after a disconnect)
 * @param pagesCached  pages held in the stop cache now
 * @param budgetBytes  the cap on {@code bytesRead}
 */
public record ReadStats(long bytesRead, long wireReads, long roundTrips, long wireNanos, long pageHits,
        long refused, int pagesCached, long budgetBytes) {

    /** The counters of {@code this} minus those of an earlier snapshot (cache size and budget kept). */
    public ReadStats since(ReadStats earlier) {
        return new ReadStats(bytesRead - earlier.bytesRead, wireReads - earlier.wireReads,
                roundTrips - earlier.roundTrips, wireNanos - earlier.wireNanos, pageHits - earlier.pageHits,
                refused - earlier.refused, pagesCached, budgetBytes);
    }

    @Override
    public String toString() {
        return String.format("%d bytes in %d reads, %d round trips, %.1f ms on the wire, %d cache hits, %d refused",
                bytesRead, wireReads, roundTrips, wireNanos / 1e6, pageHits, refused);
    }
}
