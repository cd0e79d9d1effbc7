package org.vmscope.bridge.rsp;

import java.io.Closeable;

/** A byte pipe with a timeout on every read; sockets in production, scripted streams in tests. */
public interface RspTransport extends Closeable {

    /**
     * Next byte (0..255).
     *
     * @throws RspTimeoutException      if nothing arrived within {@code timeoutMillis} (midPacket false)
     * @throws RspDisconnectedException if the peer closed the connection or it broke
     */
    int read(long timeoutMillis) throws RspException;

    /** Next byte if one is already buffered, else -1; never blocks (lets readers skip clock checks). */
    default int poll() {
        return -1;
    }

    /** Writes all bytes at once (a frame must not be interleaved with other writes). */
    void write(byte[] data) throws RspException;

    boolean isOpen();

    @Override
    void close();
}
