package org.vmscope.bridge.rsp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The listening side shared by {@link RspServer} and {@link RspProxy}: a socket with a backlog of one
 * and a daemon thread that hands each connection to the owner, which serves one client at a time: a
 * connection that arrives while a session is busy is closed at once.
 */
final class SessionListener {
    /** How long closing waits (bounded) for each thread to end. */
    static final long JOIN_MILLIS = 5000;

    private final ServerSocket socket;
    private Thread acceptor;

    /** An unbound listener (a failed {@link #start} leaves it so). */
    SessionListener() throws IOException {
        socket = new ServerSocket();
    }

    /**
     * Binds to {@code at} and starts accepting until {@code closing} holds or the socket closes;
     * returns the port. The accepting thread is named {@code threadPrefix} + port.
     *
     * @param busy whether a client is being served now
     * @param open starts serving a client, and owns its socket from then on
     */
    int start(InetSocketAddress at, String threadPrefix, BooleanSupplier closing, BooleanSupplier busy,
            Consumer<Socket> open) throws IOException {
        socket.bind(at, 1);
        acceptor = new Thread(() -> acceptLoop(closing, busy, open), threadPrefix + socket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
        return socket.getLocalPort();
    }

    /** The bound port, -1 before binding. */
    int port() {
        return socket.getLocalPort();
    }

    private void acceptLoop(BooleanSupplier closing, BooleanSupplier busy, Consumer<Socket> open) {
        while (!closing.getAsBoolean()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                return;  // closed
            }
            if (busy.getAsBoolean()) {
                closeQuietly(client);
                continue;
            }
            open.accept(client);
        }
    }

    /** Stops accepting: closes the socket, which ends the accepting thread. */
    void stopAccepting() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    /** Waits (bounded) for the accepting thread. */
    void awaitAcceptor() {
        join(acceptor);
    }

    /** Waits at most {@link #JOIN_MILLIS} for {@code t} (null = nothing to wait for). */
    static void join(Thread t) {
        if (t == null) {
            return;
        }
        try {
            t.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing to release
        }
    }
}
