package org.vmscope.bridge.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.vmscope.bridge.mirror.Mirror;
import org.vmscope.bridge.mirror.MirrorException;
import org.vmscope.bridge.mirror.MirrorWalk;
import org.vmscope.bridge.rsp.RspClient;
import org.vmscope.bridge.rsp.RspProxy;
import org.vmscope.bridge.rsp.StopReply;

/**
 * {@code vmscope proxy}: sits between any debugger and the target, passes all traffic through unchanged,
 * and mirrors the target's page tables on each stop while it is halted, printing one line per stop.
 */
final class ProxyCommand implements Command {
    private static final long POLL_MILLIS = 100;

    @Override
    public String name() {
        return "proxy";
    }

    @Override
    public String summary() {
        return "pass a debugger's GDB connection through, mirroring the target on every stop";
    }

    @Override
    public String usage() {
        return """
                usage: vmscope proxy --listen [127.0.0.1:]PORT --target HOST:PORT [options] [--sessions N]
                  --listen PORT        where the debugger connects (target remote :PORT); loopback only
                  --sessions N         exit after N debugger sessions have ended (default: run until killed)
                """ + TargetArgs.USAGE_COMMON;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        TargetArgs t = TargetArgs.parse(args, Set.of(), Set.of("--listen", "--sessions"));
        int listen = listenPort(t.valued.get("--listen"));
        int sessions = t.valued.containsKey("--sessions") ? positive(t.valued.get("--sessions")) : Integer.MAX_VALUE;
        AtomicInteger stops = new AtomicInteger();
        try (RspProxy proxy = new RspProxy(t.host, t.port, (stop, target) -> mirror(stop, target, t, stops, out))) {
            int port = proxy.start(listen);
            out.printf("vmscope: proxy on 127.0.0.1:%d for %s:%d%n", port, t.host, t.port);
            out.flush();
            while (proxy.sessionsServed() < sessions || proxy.sessionActive()) {
                Thread.sleep(POLL_MILLIS);
            }
            proxy.lastError().ifPresent(e -> err.println("vmscope proxy: " + e.getMessage()));
            return proxy.lastError().isPresent() ? 1 : 0;
        } catch (IOException e) {
            err.println("vmscope proxy: cannot listen on port " + listen + ": " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** One stop: walk the tables through the proxy's own connection; the debugger waits meanwhile. */
    private static void mirror(StopReply stop, RspClient target, TargetArgs t, AtomicInteger stops, PrintStream out) {
        int n = stops.incrementAndGet();
        try {
            Mirror m = Mirror.over(target, t.options);
            MirrorWalk w = m.walk();
            String line = t.json
                    ? new JsonWriter().beginObject().field("stop", n).field("reply", stop.raw())
                            .field("ranges", w.ranges().size()).field("bytesRead", w.cost().bytesRead())
                            .field("roundTrips", w.cost().roundTrips()).field("partial", w.partial())
                            .field("problems", w.problems().size()).endObject().toString()
                    : String.format("stop %d (%s): %d ranges, %d bytes read in %d round trips%s%s", n, stop.raw(),
                            w.ranges().size(), w.cost().bytesRead(), w.cost().roundTrips(), w.partial() ? ", partial" : "",
                            w.problems().isEmpty() ? "" : ", problems: " + String.join("; ", w.problems()));
            synchronized (out) {
                out.println(line);
                out.flush();
            }
        } catch (MirrorException e) {
            synchronized (out) {
                out.printf("stop %d (%s): not mirrored: %s%n", n, stop.raw(), e.getMessage());
                out.flush();
            }
        }
    }

    private static int listenPort(String listen) throws UsageException {
        if (listen == null) {
            throw new UsageException("--listen PORT is required");
        }
        String p = listen;
        int colon = listen.lastIndexOf(':');
        if (colon >= 0) {
            String host = listen.substring(0, colon);
            if (!host.isEmpty() && !host.equals("127.0.0.1") && !host.equals("localhost")) {
                throw new UsageException("the proxy listens on loopback only, not '" + host + "'");
            }
            p = listen.substring(colon + 1);
        }
        try {
            int port = Integer.parseInt(p);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new UsageException("bad port '" + p + "'");
        }
    }

    private static int positive(String s) throws UsageException {
        try {
            int n = Integer.parseInt(s);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--sessions needs a positive number, not '" + s + "'");
    }
}
