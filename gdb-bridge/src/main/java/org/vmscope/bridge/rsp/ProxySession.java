package org.vmscope.bridge.rsp;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * One debugger-to-target pairing of {@link RspProxy}: two pump threads. Each hop acks for itself;
 * packets are forwarded with their original bytes. The target lock is held while the debugger's
 * packets are forwarded and while the hook runs, so the two never interleave on the target.
 */
final class ProxySession {
    private static final long POLL_MILLIS = 200;

    /** What the reply to the debugger's last request means to the proxy. */
    private enum Pending { NONE, STOP, NO_ACK, SUPPORTED, OTHER }

    private final RspConnection debugger;
    private final RspConnection target;
    private final StopHook hook;
    private final RspClientOptions options;
    private final AtomicInteger hookRuns;
    private final AtomicReference<Throwable> lastError;
    private final BooleanSupplier closing;
    private final Object targetLock = new Object();
    private volatile Pending pending = Pending.NONE;
    private volatile RemoteFeatures features = RemoteFeatures.none();
    private volatile boolean hookRunning;
    private volatile boolean ended;
    private Thread fromDebugger;
    private Thread fromTarget;

    ProxySession(RspConnection debugger, RspConnection target, StopHook hook, RspClientOptions options,
                 AtomicInteger hookRuns, AtomicReference<Throwable> lastError, BooleanSupplier closing) {
        this.debugger = debugger;
        this.target = target;
        this.hook = hook;
        this.options = options;
        this.hookRuns = hookRuns;
        this.lastError = lastError;
        this.closing = closing;
    }

    void start() {
        fromDebugger = new Thread(() -> pump(this::debuggerFrame, debugger), "rsp-proxy-from-debugger");
        fromTarget = new Thread(() -> pump(this::targetFrame, target), "rsp-proxy-from-target");
        fromDebugger.setDaemon(true);
        fromTarget.setDaemon(true);
        fromDebugger.start();
        fromTarget.start();
    }

    boolean alive() {
        return !ended;
    }

    void close() {
        ended = true;
        debugger.close();
        target.close();
    }

    void join(long millis) {
        try {
            if (fromDebugger != null) {
                fromDebugger.join(millis);
            }
            if (fromTarget != null) {
                fromTarget.join(millis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private interface FrameHandler {
        void handle(RspFrame f) throws RspException;
    }

    private void pump(FrameHandler handler, RspConnection from) {
        try {
            while (!ended && !closing.getAsBoolean()) {
                RspFrame f;
                try {
                    f = from.readFrame(POLL_MILLIS);
                } catch (RspTimeoutException e) {
                    if (e.midPacket()) {
                        throw e;
                    }
                    continue;
                }
                handler.handle(f);
            }
        } catch (RspDisconnectedException e) {
            // one side hung up: end the pairing
        } catch (RspException | RuntimeException e) {
            if (!ended) {
                lastError.set(e);
            }
        } finally {
            close();
        }
    }

    private void debuggerFrame(RspFrame f) throws RspException {
        switch (f.kind()) {
            case ACK, NOTIFICATION -> { }
            case NACK -> debugger.retransmitLast();
            case BAD_CHECKSUM -> {
                if (debugger.ackMode()) {
                    debugger.sendNack();
                }
            }
            case INTERRUPT -> {
                // once the stop reply is in (the hook may be running) the target is halted: drop it
                synchronized (targetLock) {
                    if (pending == Pending.STOP && !hookRunning) {
                        target.sendInterrupt();
                    }
                }
            }
            case PACKET -> {
                if (debugger.ackMode()) {
                    debugger.sendAck();
                }
                Pending kind = classify(f.text());
                synchronized (targetLock) {
                    pending = kind;
                    target.forwardPacket(f);
                }
                if (kind == Pending.STOP && !f.text().startsWith("?")) {
                    resumed(f.text());
                }
            }
            default -> throw new IllegalStateException();
        }
    }

    private void targetFrame(RspFrame f) throws RspException {
        switch (f.kind()) {
            case ACK, INTERRUPT -> { }
            case NACK -> target.retransmitLast();
            case BAD_CHECKSUM -> {
                if (target.ackMode()) {
                    target.sendNack();
                }
            }
            case NOTIFICATION -> debugger.forwardPacket(f);
            case PACKET -> {
                if (target.ackMode()) {
                    target.sendAck();
                }
                reply(f);
            }
            default -> throw new IllegalStateException();
        }
    }

    private void reply(RspFrame f) throws RspException {
        if (Replies.isConsoleOutput(f.payload())) {
            debugger.forwardPacket(f);  // output of qRcmd or of a running target: the request is still open
            return;
        }
        Pending kind = pending;
        pending = Pending.NONE;
        String text = f.text();
        switch (kind) {
            case SUPPORTED -> features = RemoteFeatures.parse(text);
            case NO_ACK -> {
                if (text.equals("OK")) {
                    target.setAckMode(false);
                    debugger.setAckMode(false);
                }
            }
            case STOP -> {
                if (!text.isEmpty() && (text.charAt(0) == 'T' || text.charAt(0) == 'S')) {
                    synchronized (targetLock) {
                        runHook(text);
                        debugger.forwardPacket(f);
                    }
                    return;
                }
            }
            default -> { }
        }
        debugger.forwardPacket(f);
    }

    private void resumed(String packet) {
        try {
            hook.onResume(packet);
        } catch (RuntimeException e) {
            lastError.set(e);
        }
    }

    private void runHook(String text) throws RspException {
        StopReply stop;
        try {
            stop = StopReply.parse(text);
        } catch (RspProtocolException e) {
            lastError.set(e);
            return;
        }
        hookRunning = true;
        RspClient client = RspClient.borrow(target, features, options);
        try {
            hook.onStop(stop, client);
        } catch (RspException | RuntimeException e) {
            lastError.set(e);
        } finally {
            restoreModes(client);
            hookRunning = false;
            hookRuns.incrementAndGet();
        }
        if (!target.isOpen()) {
            throw new RspDisconnectedException("target connection lost during the stop hook");
        }
    }

    /** Safety net for hooks that set the sticky physical mode with a raw request and forgot it. */
    private void restoreModes(RspClient client) {
        if (!client.isOpen()) {
            return;
        }
        try {
            if (client.physicalModeLeftOn()) {
                client.request("Qqemu.PhyMemMode:0");
            }
        } catch (RspException e) {
            lastError.set(e);
        }
    }

    private static Pending classify(String p) {
        if (p.isEmpty()) {
            return Pending.OTHER;
        }
        char c = p.charAt(0);
        if (c == '?' || c == 'c' || c == 'C' || c == 's' || c == 'S' || p.startsWith("vCont;")
                || p.startsWith("vAttach;") || p.startsWith("vRun;")) {
            return Pending.STOP;
        }
        if (p.startsWith("qSupported")) {
            return Pending.SUPPORTED;
        }
        if (p.equals("QStartNoAckMode")) {
            return Pending.NO_ACK;
        }
        return Pending.OTHER;
    }
}
