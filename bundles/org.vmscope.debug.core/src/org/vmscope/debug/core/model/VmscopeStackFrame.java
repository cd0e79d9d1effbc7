package org.vmscope.debug.core.model;

import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.DebugElement;
import org.eclipse.debug.core.model.IRegisterGroup;
import org.eclipse.debug.core.model.IStackFrame;
import org.eclipse.debug.core.model.IThread;
import org.eclipse.debug.core.model.IVariable;
import org.vmscope.debug.core.VmscopeLaunch;

/**
 * Where the target stopped: the scenario line about to run, or the stop the GDB stub reported. Selecting
 * it in the Debug view shows that stop in the vmscope views.
 */
public final class VmscopeStackFrame extends DebugElement implements IStackFrame {
    private final VmscopeThread thread;

    VmscopeStackFrame(VmscopeThread thread) {
        super(thread.getDebugTarget());
        this.thread = thread;
    }

    @Override
    public String getModelIdentifier() {
        return VmscopeLaunch.MODEL;
    }

    @Override
    public IThread getThread() {
        return thread;
    }

    @Override
    public String getName() {
        return thread.target().stopText();
    }

    @Override
    public IVariable[] getVariables() {
        return new IVariable[0];
    }

    @Override
    public boolean hasVariables() {
        return false;
    }

    /** The scenario line about to run, or -1 (a live target's stop has no line here). */
    @Override
    public int getLineNumber() {
        return thread.target() instanceof ScenarioLines s ? s.nextLine() : -1;
    }

    @Override
    public int getCharStart() {
        return -1;
    }

    @Override
    public int getCharEnd() {
        return -1;
    }

    @Override
    public IRegisterGroup[] getRegisterGroups() {
        return new IRegisterGroup[0];
    }

    @Override
    public boolean hasRegisterGroups() {
        return false;
    }

    @Override
    public boolean canStepInto() {
        return thread.canStepInto();
    }

    @Override
    public boolean canStepOver() {
        return thread.canStepOver();
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
        thread.stepInto();
    }

    @Override
    public void stepOver() throws DebugException {
        thread.stepOver();
    }

    @Override
    public void stepReturn() {
    }

    @Override
    public boolean canResume() {
        return thread.canResume();
    }

    @Override
    public boolean canSuspend() {
        return thread.canSuspend();
    }

    @Override
    public boolean isSuspended() {
        return thread.isSuspended();
    }

    @Override
    public void resume() throws DebugException {
        thread.resume();
    }

    @Override
    public void suspend() throws DebugException {
        thread.suspend();
    }

    @Override
    public boolean canTerminate() {
        return thread.canTerminate();
    }

    @Override
    public boolean isTerminated() {
        return thread.isTerminated();
    }

    @Override
    public void terminate() throws DebugException {
        thread.terminate();
    }
}
