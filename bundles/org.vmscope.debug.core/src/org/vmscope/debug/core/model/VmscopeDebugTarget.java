package org.vmscope.debug.core.model;

import java.util.Optional;

import org.eclipse.core.resources.IMarkerDelta;
import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.model.DebugElement;
import org.eclipse.debug.core.model.IBreakpoint;
import org.eclipse.debug.core.model.IDebugTarget;
import org.eclipse.debug.core.model.IMemoryBlock;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.debug.core.model.IThread;
import org.vmscope.core.Sessions;
import org.vmscope.core.TargetSession;
import org.vmscope.debug.core.VmscopeLaunch;

/**
 * A vmscope target in the platform's debug model: one thread, suspended or running, whose every stop
 * carries the {@link TargetSession} read at that stop. A stop makes that session current, so the vmscope
 * views follow the Debug view. Subclasses say how to run, stop and step the target.
 */
public abstract class VmscopeDebugTarget extends DebugElement implements IDebugTarget {
    private final ILaunch launch;
    private final IProcess process;
    private final VmscopeThread thread;
    private volatile boolean suspended;
    private volatile boolean terminated;
    private volatile TargetSession session;
    private volatile String stopText = "starting";

    protected VmscopeDebugTarget(ILaunch launch, IProcess process) {
        super(null);
        this.launch = launch;
        this.process = process;
        this.thread = new VmscopeThread(this);
    }

    /** What the thread and its frame are called at this stop ({@code line 4: spawn init}, {@code stop 3: T05}). */
    public String stopText() {
        return stopText;
    }

    /** The session read at the last stop, if any. */
    public Optional<TargetSession> session() {
        return Optional.ofNullable(session);
    }

    /** Makes this target's last stop the one the views show, e.g. when it is selected in the Debug view. */
    public void show() {
        TargetSession s = session;
        // a terminated target's last stop is history: selecting it must not replace what the views follow
        if (s != null && !terminated) {
            Sessions.get().activate(s);
        }
    }

    // ---- what subclasses report

    /** The target stopped and {@code s} is what it holds now; {@code detail} is a {@link DebugEvent} detail. */
    protected final void stopped(int detail, String text, TargetSession s) {
        stopText = text;
        session = s;
        suspended = true;
        Sessions.get().activate(s);
        thread.suspendedEvent(detail);
        fireSuspendEvent(detail);
    }

    /** The target runs; the views keep showing the last stop. */
    protected final void running(int detail, String text) {
        suspended = false;
        stopText = text;
        thread.resumedEvent(detail);
        fireResumeEvent(detail);
    }

    /** The target is gone; idempotent. */
    protected final void ended(String text) {
        if (terminated) {
            return;
        }
        terminated = true;
        suspended = false;
        stopText = text;
        thread.terminatedEvent();
        fireTerminateEvent();
    }

    /** The text changed without a state change (e.g. a message from the target). */
    protected final void changed(String text) {
        stopText = text;
        thread.changedEvent();
    }

    // ---- what subclasses implement

    protected abstract boolean canRun();

    protected abstract void run() throws DebugException;

    protected abstract boolean canPause();

    protected abstract void pause() throws DebugException;

    protected abstract boolean canStepLine();

    /** One step: a scenario line, or one instruction. */
    protected abstract void stepLine() throws DebugException;

    /** Releases the target (closes connections, stops servers); called once. */
    protected abstract void release();

    // ---- IDebugTarget

    @Override
    public String getModelIdentifier() {
        return VmscopeLaunch.MODEL;
    }

    @Override
    public IDebugTarget getDebugTarget() {
        return this;
    }

    @Override
    public ILaunch getLaunch() {
        return launch;
    }

    @Override
    public IProcess getProcess() {
        return process;
    }

    @Override
    public IThread[] getThreads() {
        return terminated ? new IThread[0] : new IThread[] {thread};
    }

    @Override
    public boolean hasThreads() {
        return !terminated;
    }

    VmscopeThread thread() {
        return thread;
    }

    @Override
    public boolean supportsBreakpoint(IBreakpoint breakpoint) {
        return false;
    }

    @Override
    public boolean canTerminate() {
        return !terminated;
    }

    @Override
    public boolean isTerminated() {
        return terminated;
    }

    @Override
    public void terminate() throws DebugException {
        if (terminated) {
            return;
        }
        try {
            release();
        } finally {
            ended("terminated");
            if (process != null && process.canTerminate()) {
                process.terminate();
            }
        }
    }

    @Override
    public boolean canResume() {
        return !terminated && suspended && canRun();
    }

    @Override
    public boolean canSuspend() {
        return !terminated && !suspended && canPause();
    }

    @Override
    public boolean isSuspended() {
        return suspended;
    }

    @Override
    public void resume() throws DebugException {
        if (canResume()) {
            run();
        }
    }

    @Override
    public void suspend() throws DebugException {
        if (canSuspend()) {
            pause();
        }
    }

    boolean canStep() {
        return !terminated && suspended && canStepLine();
    }

    void step() throws DebugException {
        if (canStep()) {
            stepLine();
        }
    }

    @Override
    public void breakpointAdded(IBreakpoint breakpoint) {
    }

    @Override
    public void breakpointRemoved(IBreakpoint breakpoint, IMarkerDelta delta) {
    }

    @Override
    public void breakpointChanged(IBreakpoint breakpoint, IMarkerDelta delta) {
    }

    @Override
    public boolean canDisconnect() {
        return false;
    }

    @Override
    public void disconnect() throws DebugException {
        throw new DebugException(org.eclipse.core.runtime.Status.error("vmscope targets terminate, they do not disconnect"));
    }

    @Override
    public boolean isDisconnected() {
        return false;
    }

    @Override
    public boolean supportsStorageRetrieval() {
        return false;
    }

    @Override
    public IMemoryBlock getMemoryBlock(long startAddress, long length) throws DebugException {
        throw new DebugException(org.eclipse.core.runtime.Status.error("vmscope targets serve no memory blocks"));
    }
}
