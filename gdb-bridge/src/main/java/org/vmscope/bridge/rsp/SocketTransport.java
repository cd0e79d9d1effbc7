package org.vmscope.bridge.rsp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/** {@link RspTransport} over a TCP socket: buffered reads with SO_TIMEOUT, unbuffered writes. */
public final class SocketTransport implements RspTransport {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final RspStats stats;
    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private int limit;
    private volatile boolean closed;

    public SocketTransport(Socket socket, RspStats stats) throws RspException {
        this.socket = socket;
        this.stats = stats;
        try {
            socket.setTcpNoDelay(true);
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        } catch (IOException e) {
            throw new RspDisconnectedException("cannot use socket: " + e.getMessage(), e);
        }
    }

    /** Connects to {@code host:port} within {@code timeoutMillis}. */
    public static SocketTransport connect(String host, int port, int timeoutMillis, RspStats stats)
            throws RspException {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(host, port), timeoutMillis);
        } catch (SocketTimeoutException e) {
            closeQuietly(s);
            throw new RspTimeoutException("connect to " + host + ":" + port + " timed out", false);
        } catch (IOException e) {
            closeQuietly(s);
            throw new RspDisconnectedException("cannot connect to " + host + ":" + port + ": " + e.getMessage(), e);
        }
        return new SocketTransport(s, stats);
    }

    @Override
    public int read(long timeoutMillis) throws RspException {
        if (pos < limit) {
            return buf[pos++] & 0xff;
        }
        if (closed) {
            throw new RspDisconnectedException("connection closed");
        }
        int n;
        try {
            socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeoutMillis)));
            n = in.read(buf);
        } catch (SocketTimeoutException e) {
            throw new RspTimeoutException("no data within " + timeoutMillis + " ms", false);
        } catch (IOException e) {
            close();
            throw new RspDisconnectedException("connection broken: " + e.getMessage(), e);
        }
        if (n < 0) {
            close();
            throw new RspDisconnectedException("peer closed the connection");
        }
        stats.received(n);
        pos = 0;
        limit = n;
        return buf[pos++] & 0xff;
    }

    @Override
    public int poll() {
        return pos < limit ? buf[pos++] & 0xff : -1;
    }

    @Override
    public void write(byte[] data) throws RspException {
        if (closed) {
            throw new RspDisconnectedException("connection closed");
        }
        try {
            out.write(data);
            out.flush();
        } catch (IOException e) {
            close();
            throw new RspDisconnectedException("write failed: " + e.getMessage(), e);
        }
        stats.sent(data.length);
    }

    @Override
    public boolean isOpen() {
        return !closed;
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
