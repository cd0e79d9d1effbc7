package org.vmscope.debug.core.model;

import java.io.IOException;

import org.eclipse.core.runtime.Status;
import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.model.IProcess;
import org.vmscope.bridge.mirror.MirrorException;
import org.vmscope.bridge.rsp.RspClient;
import org.vmscope.bridge.rsp.RspProxy;
import org.vmscope.bridge.rsp.StopHook;
import org.vmscope.bridge.rsp.StopReply;

/**
 * A live target that the user's own debugger (gdb in a shell, CDT, VS Code) drives through vmscope's
 * proxy: the debugger runs and stops it; vmscope mirrors every stop with its own reads before the debugger
 * sees the stop reply, and the Debug view shows the target as suspended or running as the debugger left it.
 */
public final class ProxyDebugTarget extends VmscopeDebugTarget {
    private final RspProxy proxy;
    private final StopCapture capture;
    private final int listenPort;
    private int stops;

    /**
     * Listens for the user's debugger on loopback {@code listenPort} (0: any free port).
     *
     * @throws DebugException when the port cannot be opened
     */
    public ProxyDebugTarget(ILaunch launch, IProcess process, String host, int port, int listenPort, StopCapture capture)
            throws DebugException {
        super(launch, process);
        this.capture = capture;
        this.proxy = new RspProxy(host, port, new Hook(), capture.options().client());
        try {
            this.listenPort = proxy.start(listenPort);
        } catch (IOException e) {
            throw new DebugException(Status.error("cannot listen for a debugger on 127.0.0.1:" + listenPort + ": "
                    + e.getMessage(), e));
        }
        running(DebugEvent.CREATE, waitingText());
    }

    private String waitingText() {
        return "waiting for a debugger: target remote 127.0.0.1:" + listenPort;
    }

    /** The loopback port the user's debugger connects to. */
    public int listenPort() {
        return listenPort;
    }

    /** Stops mirrored so far. */
    public synchronized int stops() {
        return stops;
    }

    @Override
    public String getName() {
        return "GDB proxy 127.0.0.1:" + listenPort + " -> " + capture.targetName();
    }

    private final class Hook implements StopHook {
        @Override
        public void onStop(StopReply stop, RspClient target) {
            int n;
            synchronized (ProxyDebugTarget.this) {
                n = ++stops;
            }
            try {
                stopped(DebugEvent.CLIENT_REQUEST, "stop " + n + " (" + stop.raw() + ")", capture.capture(target));
            } catch (MirrorException e) {
                changed("stop " + n + " (" + stop.raw() + ") not mirrored: " + e.getMessage());
            }
        }

        @Override
        public void onResume(String packet) {
            running(DebugEvent.CLIENT_REQUEST, "run by the debugger (" + packet + ")");
        }
    }

    // the user's debugger drives the target; vmscope only watches

    @Override
    protected boolean canRun() {
        return false;
    }

    @Override
    protected void run() {
    }

    @Override
    protected boolean canPause() {
        return false;
    }

    @Override
    protected void pause() {
    }

    @Override
    protected boolean canStepLine() {
        return false;
    }

    @Override
    protected void stepLine() {
    }

    @Override
    protected void release() {
        proxy.close();
    }
}
