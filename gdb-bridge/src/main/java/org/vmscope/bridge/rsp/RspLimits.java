package org.vmscope.bridge.rsp;

/**
 * Bounds that keep a misbehaving peer from exhausting memory or hanging a reader.
 *
 * @param maxPacketBytes    hard cap on a packet body, both as received and after decoding
 * @param frameTimeoutMillis time allowed for the rest of a packet once its first byte arrived
 * @param maxJunkBytes      bytes outside any packet tolerated in a row before giving up
 */
public record RspLimits(int maxPacketBytes, long frameTimeoutMillis, int maxJunkBytes) {

    public static final RspLimits DEFAULT = new RspLimits(256 * 1024, 10_000, 4096);

    public RspLimits {
        if (maxPacketBytes < 64 || frameTimeoutMillis <= 0 || maxJunkBytes < 0) {
            throw new IllegalArgumentException("invalid RSP limits");
        }
    }
}
