package org.vmscope.debug.core.model;

import org.eclipse.core.runtime.Status;
import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.model.IProcess;
import org.vmscope.bridge.mirror.Mirror;
import org.vmscope.bridge.mirror.MirrorException;
import org.vmscope.bridge.rsp.RspClient;
import org.vmscope.bridge.rsp.RspException;
import org.vmscope.bridge.rsp.RspTimeoutException;
import org.vmscope.bridge.rsp.StopReply;

/**
 * A live target vmscope drives itself over the GDB remote protocol: resume is {@code c}, suspend the
 * interrupt byte, step one instruction ({@code s}); every stop is mirrored before the Debug view shows it.
 */
public final class RemoteDebugTarget extends VmscopeDebugTarget {
    private static final long POLL_MILLIS = 200;

    private final RspClient client;
    private final Mirror mirror;
    private final StopCapture capture;
    private volatile Thread waiter;
    private volatile boolean closing;
    private int stops;

    /**
     * Takes over {@code client} (closed when the target terminates) and reads the first stop.
     *
     * @param process the emulator the launch started, or null
     */
    public RemoteDebugTarget(ILaunch launch, IProcess process, RspClient client, StopCapture capture)
            throws DebugException {
        super(launch, process);
        this.client = client;
        this.capture = capture;
        try {
            this.mirror = Mirror.over(client, capture.options());
        } catch (MirrorException e) {
            client.close();
            throw new DebugException(Status.error(capture.targetName() + ": " + e.getMessage(), e));
        }
        StopReply first = client.lastStop();
        mirrorStop(DebugEvent.CLIENT_REQUEST, first == null ? "attached" : first.raw());
    }

    @Override
    public String getName() {
        return "GDB remote " + capture.targetName();
    }

    /** Mirrors the stop and reports it; a failed read still stops, with the reason as its text. */
    private void mirrorStop(int detail, String reply) throws DebugException {
        stops++;
        try {
            stopped(detail, "stop " + stops + " (" + reply + ")", capture.capture(mirror));
        } catch (MirrorException e) {
            throw new DebugException(Status.error(capture.targetName() + ": stop " + stops + " not mirrored: "
                    + e.getMessage(), e));
        }
    }

    @Override
    protected boolean canRun() {
        return client.isOpen();
    }

    @Override
    protected void run() throws DebugException {
        try {
            client.resume();
        } catch (RspException e) {
            throw failed("resume", e);
        }
        running(DebugEvent.CLIENT_REQUEST, "running");
        Thread t = new Thread(this::awaitStop, "vmscope " + capture.targetName());
        t.setDaemon(true);
        waiter = t;
        t.start();
    }

    /** Waits in short slices so that terminate and other requests are never locked out for long. */
    private void awaitStop() {
        try {
            while (!closing) {
                StopReply stop;
                try {
                    stop = client.waitForStop(POLL_MILLIS);
                } catch (RspTimeoutException e) {
                    continue;
                }
                waiter = null;
                if (closing) {
                    return;
                }
                if (stop.halted()) {
                    mirrorStop(DebugEvent.CLIENT_REQUEST, stop.raw());
                } else {
                    ended("the target ended (" + stop.raw() + ")");
                }
                return;
            }
        } catch (RspException | DebugException e) {
            waiter = null;
            if (!closing) {
                ended("connection lost: " + e.getMessage());
                client.close();
            }
        }
    }

    @Override
    protected boolean canPause() {
        return waiter != null;
    }

    @Override
    protected void pause() throws DebugException {
        try {
            client.sendInterrupt();
        } catch (RspException e) {
            throw failed("interrupt", e);
        }
    }

    @Override
    protected boolean canStepLine() {
        return client.isOpen();
    }

    @Override
    protected void stepLine() throws DebugException {
        running(DebugEvent.STEP_INTO, "stepping");
        StopReply stop;
        try {
            stop = client.step();
        } catch (RspException e) {
            throw failed("step", e);
        }
        mirrorStop(DebugEvent.STEP_END, stop.raw());
    }

    private DebugException failed(String what, RspException e) {
        return new DebugException(Status.error(capture.targetName() + ": " + what + " failed: " + e.getMessage(), e));
    }

    /** Detaches so that the target runs on (QEMU keeps running; its process ends with the launch). */
    @Override
    protected void release() {
        closing = true;
        try {
            if (client.isOpen() && !client.isRunning()) {
                client.detach();
            }
        } catch (RspException e) {
            // detaching is a courtesy; closing below is what matters
        } finally {
            client.close();
        }
    }
}
