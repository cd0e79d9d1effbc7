package org.vmscope.bridge.rsp;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sits between a debugger and a target: listens on a loopback port, connects to the target for
 * each debugger, and passes packets both ways unchanged (acks are handled on each hop). When the
 * target answers a stop-producing request ({@code ?}, {@code c}, {@code s}, {@code vCont}...) with
 * a stop reply, the {@link StopHook} runs first, with the target to itself.
 */
public final class RspProxy implements Closeable {
    private final String targetHost;
    private final int targetPort;
    private final StopHook hook;
    private final RspClientOptions targetOptions;
    private final AtomicInteger hookRuns = new AtomicInteger();
    private final AtomicInteger sessions = new AtomicInteger();
    private final AtomicReference<Throwable> lastError = new AtomicReference<>();
    private volatile boolean closing;
    private volatile ProxySession session;
    private SessionListener listener;

    /**
     * @param targetOptions used for the connection to the target (connect and reply timeouts, limits)
     *                      and for the client handed to the hook
     */
    public RspProxy(String targetHost, int targetPort, StopHook hook, RspClientOptions targetOptions) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.hook = hook;
        this.targetOptions = targetOptions;
    }

    public RspProxy(String targetHost, int targetPort, StopHook hook) {
        this(targetHost, targetPort, hook, RspClientOptions.defaults());
    }

    /** Listens on 127.0.0.1 at {@code port} (0 = any free port); returns the port. */
    public synchronized int start(int port) throws IOException {
        if (listener != null) {
            throw new IllegalStateException("already started");
        }
        listener = new SessionListener();
        return listener.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), "rsp-proxy-accept-",
                () -> closing, this::sessionActive, this::openSession);
    }

    public int port() {
        return listener == null ? -1 : listener.port();
    }

    /** How many times the hook ran. */
    public int hookRuns() {
        return hookRuns.get();
    }

    public int sessionsServed() {
        return sessions.get();
    }

    /** Whether a debugger is connected through the proxy now. */
    public boolean sessionActive() {
        ProxySession s = session;
        return s != null && s.alive();
    }

    /** The last error of a hook or a session (a side hanging up is not an error). */
    public Optional<Throwable> lastError() {
        return Optional.ofNullable(lastError.get());
    }

    private void openSession(Socket debugger) {
        try {
            RspStats stats = new RspStats();
            SocketTransport t = SocketTransport.connect(targetHost, targetPort,
                    targetOptions.connectTimeoutMillis(), stats);
            RspConnection toTarget = new RspConnection(t, targetOptions.limits(), stats);
            RspStats dstats = new RspStats();
            RspConnection toDebugger = new RspConnection(new SocketTransport(debugger, dstats),
                    targetOptions.limits(), dstats);
            sessions.incrementAndGet();
            ProxySession s = new ProxySession(toDebugger, toTarget, hook, targetOptions, hookRuns, lastError,
                    () -> closing);
            session = s;
            s.start();
        } catch (RspException e) {
            lastError.set(e);
            SessionListener.closeQuietly(debugger);
        }
    }

    /** Stops listening, ends the current session (both connections) and waits for the threads. */
    @Override
    public void close() {
        closing = true;
        if (listener != null) {
            listener.stopAccepting();
        }
        ProxySession s = session;
        if (s != null) {
            s.close();
            s.join(SessionListener.JOIN_MILLIS);
        }
        if (listener != null) {
            listener.awaitAcceptor();
        }
    }
}
