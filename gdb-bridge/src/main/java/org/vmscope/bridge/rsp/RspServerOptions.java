package org.vmscope.bridge.rsp;

/**
 * Settings of an {@link RspServer}.
 *
 * @param bindAddress   address to listen on; loopback unless a caller really wants otherwise
 * @param port          port to listen on, 0 for any free port
 * @param packetSize    PacketSize announced in qSupported; memory reads are capped at half of it
 * @param offerNoAck    announce {@code QStartNoAckMode+}
 * @param offerBinaryUpload announce {@code binary-upload+} and serve {@code x} reads
 * @param pollMillis    how often a session checks for shutdown and asynchronous target stops
 * @param limits        incoming packet cap and frame timeout
 */
public record RspServerOptions(String bindAddress, int port, int packetSize, boolean offerNoAck,
                               boolean offerBinaryUpload, long pollMillis, RspLimits limits) {

    public RspServerOptions {
        if (bindAddress == null || port < 0 || port > 65535 || packetSize < 256
                || packetSize > limits.maxPacketBytes() || pollMillis <= 0) {
            throw new IllegalArgumentException("invalid RSP server options");
        }
    }

    public static RspServerOptions defaults() {
        return new RspServerOptions("127.0.0.1", 0, 0x1000, true, false, 100, RspLimits.DEFAULT);
    }

    public RspServerOptions withPort(int p) {
        return new RspServerOptions(bindAddress, p, packetSize, offerNoAck, offerBinaryUpload, pollMillis, limits);
    }

    public RspServerOptions withPacketSize(int size) {
        return new RspServerOptions(bindAddress, port, size, offerNoAck, offerBinaryUpload, pollMillis, limits);
    }

    public RspServerOptions withNoAck(boolean on) {
        return new RspServerOptions(bindAddress, port, packetSize, on, offerBinaryUpload, pollMillis, limits);
    }

    public RspServerOptions withBinaryUpload(boolean on) {
        return new RspServerOptions(bindAddress, port, packetSize, offerNoAck, on, pollMillis, limits);
    }
}
