package org.vmscope.bridge.rsp;

import java.util.function.Consumer;

/**
 * Settings of an {@link RspClient}.
 *
 * @param connectTimeoutMillis  time allowed for the TCP connect
 * @param replyTimeoutMillis    time allowed for each reply to arrive (not for a running target)
 * @param pipelineDepth         memory read requests kept in flight; 1 means strictly sequential
 * @param maxReadChunk          cap on bytes per memory read packet (0: derive from PacketSize)
 * @param requestNoAck          ask for no-ack mode when the target offers it
 * @param binaryReads           use {@code x} reads when the target offers {@code binary-upload+}
 * @param loadTargetDescription read target.xml while connecting (QEMU answers {@code p} only after)
 * @param littleEndian          byte order of register values
 * @param limits                packet size cap and frame timeout
 * @param console               receives console output ({@code O} packets) sent while the target runs
 */
public record RspClientOptions(int connectTimeoutMillis, long replyTimeoutMillis, int pipelineDepth,
                               int maxReadChunk, boolean requestNoAck, boolean binaryReads,
                               boolean loadTargetDescription, boolean littleEndian, RspLimits limits,
                               Consumer<String> console) {

    public RspClientOptions {
        if (connectTimeoutMillis <= 0 || replyTimeoutMillis <= 0 || pipelineDepth < 1 || pipelineDepth > 1024
                || maxReadChunk < 0 || limits == null || console == null) {
            throw new IllegalArgumentException("invalid RSP client options");
        }
    }

    public static RspClientOptions defaults() {
        return new RspClientOptions(5000, 5000, 8, 0, true, true, true, true, RspLimits.DEFAULT, s -> { });
    }

    public RspClientOptions withPipelineDepth(int depth) {
        return new RspClientOptions(connectTimeoutMillis, replyTimeoutMillis, depth, maxReadChunk, requestNoAck,
                binaryReads, loadTargetDescription, littleEndian, limits, console);
    }

    public RspClientOptions withReplyTimeoutMillis(long millis) {
        return new RspClientOptions(connectTimeoutMillis, millis, pipelineDepth, maxReadChunk, requestNoAck,
                binaryReads, loadTargetDescription, littleEndian, limits, console);
    }

    public RspClientOptions withMaxReadChunk(int bytes) {
        return new RspClientOptions(connectTimeoutMillis, replyTimeoutMillis, pipelineDepth, bytes, requestNoAck,
                binaryReads, loadTargetDescription, littleEndian, limits, console);
    }

    public RspClientOptions withRequestNoAck(boolean on) {
        return new RspClientOptions(connectTimeoutMillis, replyTimeoutMillis, pipelineDepth, maxReadChunk, on,
                binaryReads, loadTargetDescription, littleEndian, limits, console);
    }

    public RspClientOptions withBinaryReads(boolean on) {
        return new RspClientOptions(connectTimeoutMillis, replyTimeoutMillis, pipelineDepth, maxReadChunk,
                requestNoAck, on, loadTargetDescription, littleEndian, limits, console);
    }

    public RspClientOptions withLimits(RspLimits l) {
        return new RspClientOptions(connectTimeoutMillis, replyTimeoutMillis, pipelineDepth, maxReadChunk,
                requestNoAck, binaryReads, loadTargetDescription, littleEndian, l, console);
    }

    public RspClientOptions withConsole(Consumer<String> c) {
        return new RspClientOptions(connectTimeoutMillis, replyTimeoutMillis, pipelineDepth, maxReadChunk,
                requestNoAck, binaryReads, loadTargetDescription, littleEndian, limits, c);
    }
}
