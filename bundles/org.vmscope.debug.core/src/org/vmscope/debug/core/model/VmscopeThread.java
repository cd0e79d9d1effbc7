package org.vmscope.debug.core.model;

import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.DebugElement;
import org.eclipse.debug.core.model.IBreakpoint;
import org.eclipse.debug.core.model.IStackFrame;
import org.eclipse.debug.core.model.IThread;
import org.vmscope.debug.core.VmscopeLaunch;

/** The one thread of a vmscope target: the scenario, or the CPU the GDB stub reports. */
public final class VmscopeThread extends DebugElement implements IThread {
    private final VmscopeDebugTarget target;
    private final VmscopeStackFrame frame;

    VmscopeThread(VmscopeDebugTarget target) {
        super(target);
        this.target = target;
        this.frame = new VmscopeStackFrame(this);
    }

    VmscopeDebugTarget target() {
        return target;
    }

    void suspendedEvent(int detail) {
        fireSuspendEvent(detail);
    }

    void resumedEvent(int detail) {
        fireResumeEvent(detail);
    }

    void terminatedEvent() {
        fireTerminateEvent();
    }

    void changedEvent() {
        fireChangeEvent(DebugEvent.STATE);
    }

    @Override
    public String getModelIdentifier() {
        return VmscopeLaunch.MODEL;
    }

    @Override
    public String getName() {
        return (target.isSuspended() ? "suspended: " : target.isTerminated() ? "" : "running: ") + target.stopText();
    }

    @Override
    public IStackFrame[] getStackFrames() {
        return target.isSuspended() ? new IStackFrame[] {frame} : new IStackFrame[0];
    }

    @Override
    public boolean hasStackFrames() {
        return target.isSuspended();
    }

    @Override
    public int getPriority() {
        return 0;
    }

    @Override
    public IStackFrame getTopStackFrame() {
        return target.isSuspended() ? frame : null;
    }

    @Override
    public IBreakpoint[] getBreakpoints() {
        return new IBreakpoint[0];
    }

    @Override
    public boolean canResume() {
        return target.canResume();
    }

    @Override
    public boolean canSuspend() {
        return target.canSuspend();
    }

    @Override
    public boolean isSuspended() {
        return target.isSuspended();
    }

    @Override
    public void resume() throws DebugException {
        target.resume();
    }

    @Override
    public void suspend() throws DebugException {
        target.suspend();
    }

    @Override
    public boolean canStepInto() {
        return target.canStep();
    }

    @Override
    public boolean canStepOver() {
        return target.canStep();
    }

    @Override
    public boolean canStepReturn() {
        return false;
    }

    @Override
    public boolean isStepping() {
        return false;
    }

    @Override
    public void stepInto() throws DebugException {
        target.step();
    }

    @Override
    public void stepOver() throws DebugException {
        target.step();
    }

    @Override
    public void stepReturn() {
    }

    @Override
    public boolean canTerminate() {
        return target.canTerminate();
    }

    @Override
    public boolean isTerminated() {
        return target.isTerminated();
    }

    @Override
    public void terminate() throws DebugException {
        target.terminate();
    }
}
