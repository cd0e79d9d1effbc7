package org.vmscope.bridge.sim;

import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.vmscope.bridge.rsp.RspException;
import org.vmscope.bridge.rsp.RspServer;
import org.vmscope.bridge.rsp.RspServerOptions;
import org.vmscope.model.kernel.SimKernel;

/**
 * Serves a {@link SimulatedTarget} over the GDB remote protocol in one call, on loopback unless the caller
 * names another address:
 *
 * <pre>
 * try (SimGdbServer s = SimGdbServer.start(kernel, "127.0.0.1:1234", System.out)) {
 *     s.await();  // until a client sends k, or close()
 * }
 * </pre>
 *
 * It prints {@code vmscope: GDB server on HOST:PORT (arch ARCH)} once it listens.
 */
public final class SimGdbServer implements Closeable {
    public static final String DEFAULT_HOST = "127.0.0.1";

    private final SimulatedTarget target;
    private final RspServer server;
    private final String host;
    private final int port;
    private final CountDownLatch ended = new CountDownLatch(1);

    private SimGdbServer(SimulatedTarget target, RspServer server, String host, int port) {
        this.target = target;
        this.server = server;
        this.host = host;
        this.port = port;
    }

    /**
     * Serves {@code kernel} (its own pmap active, no scenario).
     *
     * @see #start(SimulatedTarget, String, PrintStream)
     */
    public static SimGdbServer start(SimKernel kernel, String endpoint, PrintStream out)
            throws SimTargetException, IOException {
        return start(new SimulatedTarget(kernel), endpoint, out);
    }

    /**
     * Starts serving {@code target}.
     *
     * @param endpoint {@code HOST:PORT}, {@code PORT} or {@code :PORT} (host 127.0.0.1), {@code [v6]:PORT};
     *                 port 0 picks a free port
     * @param out      where the "GDB server on" line goes, or null for nowhere
     * @throws SimTargetException if the endpoint is malformed or the target's description is rejected
     * @throws IOException        if the address cannot be bound
     */
    public static SimGdbServer start(SimulatedTarget target, String endpoint, PrintStream out)
            throws SimTargetException, IOException {
        if (target == null) {
            throw new SimTargetException("no target to serve");
        }
        Endpoint ep = Endpoint.parse(endpoint);
        RspServer server;
        try {
            RspServerOptions d = RspServerOptions.defaults();
            server = new RspServer(target, new RspServerOptions(ep.host(), ep.port(), d.packetSize(), d.offerNoAck(),
                    d.offerBinaryUpload(), d.pollMillis(), d.limits()));
        } catch (RspException | IllegalArgumentException e) {
            throw new SimTargetException("cannot serve the " + target.arch().id() + " target: " + e.getMessage(), e);
        }
        int port = server.start();
        SimGdbServer s = new SimGdbServer(target, server, ep.host(), port);
        target.onKill(s.ended::countDown);
        if (out != null) {
            out.printf("vmscope: GDB server on %s:%d (arch %s)%n", s.displayHost(), port, target.arch().id());
            out.flush();
        }
        return s;
    }

    private String displayHost() {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    public SimulatedTarget target() {
        return target;
    }

    public RspServer server() {
        return server;
    }

    /** The address listened on, as given (127.0.0.1 by default). */
    public String host() {
        return host;
    }

    /** The port listened on (the real one when 0 was asked for). */
    public int port() {
        return port;
    }

    /** Blocks until a client sends {@code k} or {@link #close()} is called. */
    public void await() throws InterruptedException {
        ended.await();
    }

    /** Like {@link #await()} but gives up after {@code millis}; true when it ended. */
    public boolean await(long millis) throws InterruptedException {
        return ended.await(millis, TimeUnit.MILLISECONDS);
    }

    /** Stops listening and ends the current session. */
    @Override
    public void close() {
        server.close();
        ended.countDown();
    }

    /** {@code HOST:PORT} split; the host defaults to loopback. */
    record Endpoint(String host, int port) {

        static Endpoint parse(String text) throws SimTargetException {
            String t = text == null ? "" : text.strip();
            if (t.isEmpty()) {
                throw new SimTargetException("no GDB server endpoint: expected HOST:PORT or PORT");
            }
            String host = DEFAULT_HOST;
            String port = t;
            if (t.startsWith("[")) {
                int close = t.indexOf("]:");
                if (close < 0) {
                    throw new SimTargetException("bad endpoint '" + t + "': expected [ADDRESS]:PORT");
                }
                host = t.substring(1, close);
                port = t.substring(close + 2);
            } else if (t.contains(":")) {
                int colon = t.lastIndexOf(':');
                if (t.indexOf(':') != colon) {
                    throw new SimTargetException("bad endpoint '" + t + "': write IPv6 addresses as [ADDRESS]:PORT");
                }
                if (colon > 0) {
                    host = t.substring(0, colon);
                }
                port = t.substring(colon + 1);
            }
            int p;
            try {
                p = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw new SimTargetException("bad port '" + port + "' in endpoint '" + t + "'");
            }
            if (p < 0 || p > 65535 || host.isEmpty()) {
                throw new SimTargetException("bad endpoint '" + t + "': port 0..65535 and a host are required");
            }
            return new Endpoint(host, p);
        }
    }
}
