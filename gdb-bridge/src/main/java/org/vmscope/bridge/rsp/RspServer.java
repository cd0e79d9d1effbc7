package org.vmscope.bridge.rsp;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A GDB remote protocol server for a {@link ServedTarget} (the simulator, or a test double), so
 * gdb, our own client and the mirror can all talk to it. Listens on 127.0.0.1 by default and
 * serves one client at a time: a second connection while one is served is closed at once.
 */
public final class RspServer implements Closeable {
    private final ServedTarget target;
    private final RspServerOptions options;
    private final List<RegisterInfo> registers;
    private final AtomicReference<RspConnection> current = new AtomicReference<>();
    private final AtomicReference<Throwable> lastError = new AtomicReference<>();
    private final AtomicInteger sessions = new AtomicInteger();
    private volatile boolean closing;
    private SessionListener listener;
    private volatile Thread sessionThread;

    /**
     * @throws RspException if the target's description cannot be parsed (its registers define the
     *                      {@code g} layout)
     */
    public RspServer(ServedTarget target, RspServerOptions options) throws RspException {
        this.target = target;
        this.options = options;
        if (target.featureDocument("target.xml").isPresent()) {
            this.registers = TargetDescriptionParser.load(annex -> target.featureDocument(annex)
                    .orElseThrow(() -> new RspProtocolException("served target has no annex " + annex)))
                    .registers();
        } else {
            this.registers = List.of();
        }
    }

    public RspServer(ServedTarget target) throws RspException {
        this(target, RspServerOptions.defaults());
    }

    /** Binds and starts accepting; returns the port. */
    public synchronized int start() throws IOException {
        if (listener != null) {
            throw new IllegalStateException("already started");
        }
        listener = new SessionListener();
        return listener.start(new InetSocketAddress(InetAddress.getByName(options.bindAddress()), options.port()),
                "rsp-server-accept-", () -> closing, this::sessionBusy, this::openSession);
    }

    public int port() {
        return listener == null ? -1 : listener.port();
    }

    /** Number of sessions that were served (started). */
    public int sessionsServed() {
        return sessions.get();
    }

    /** The error that ended the last session, if any (a client vanishing is not an error). */
    public Optional<Throwable> lastSessionError() {
        return Optional.ofNullable(lastError.get());
    }

    private boolean sessionBusy() {
        Thread busy = sessionThread;
        return busy != null && busy.isAlive();
    }

    private void openSession(Socket s) {
        Thread t = new Thread(() -> serve(s), "rsp-server-session-" + port());
        t.setDaemon(true);
        sessionThread = t;
        t.start();
    }

    private void serve(Socket socket) {
        sessions.incrementAndGet();
        RspConnection conn = null;
        try {
            RspStats stats = new RspStats();
            conn = new RspConnection(new SocketTransport(socket, stats), options.limits(), stats);
            current.set(conn);
            if (closing) {
                return;
            }
            new ServerSession(conn, target, options, registers).run(() -> closing);
        } catch (RspDisconnectedException e) {
            // the client went away: normal end of a session
        } catch (RspException | RuntimeException e) {
            lastError.set(e);
        } finally {
            current.set(null);
            if (conn != null) {
                conn.close();
            }
            SessionListener.closeQuietly(socket);
        }
    }

    /** Stops listening, ends the current session and waits (bounded) for the threads. */
    @Override
    public void close() {
        closing = true;
        if (listener != null) {
            listener.stopAccepting();
        }
        RspConnection c = current.get();
        if (c != null) {
            c.close();
        }
        if (listener != null) {
            listener.awaitAcceptor();
        }
        SessionListener.join(sessionThread);
    }
}
