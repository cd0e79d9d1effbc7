package org.vmscope.ui.views;

import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IAction;
import org.eclipse.jface.action.IMenuManager;
import org.eclipse.jface.action.IToolBarManager;
import org.eclipse.ui.statushandlers.StatusManager;
import org.vmscope.core.Sessions;
import org.vmscope.core.TargetSession;
import org.vmscope.core.VmscopePreferences;

/**
 * A view that shows the current target session and follows it. Subclasses read a session's state into
 * {@code D} in a background job (so a slow live target never blocks the UI; the job has progress and can be
 * cancelled) and show it on the UI thread. Freeze keeps what is shown while the target moves on.
 *
 * @param <D> what one read of the session holds
 */
public abstract class SessionView<D> extends RowsView {
    /** The family of every view's read job, e.g. to wait for the views to catch up. */
    public static final Object READ_JOBS = RowsView.JOBS;

    private TargetSession shown;
    private boolean frozen;
    private ReadJob job;
    private Action freeze;
    private final Consumer<TargetSession> listener = s -> onUiThread(() -> sessionChanged(s));

    @Override
    protected final void started() {
        Sessions.get().addListener(listener);
        Sessions.get().current().ifPresentOrElse(this::refresh, this::renderNoTarget);
    }

    /**
     * Reads what the view shows; runs in a job, off the UI thread. Check {@code monitor} in long loops and
     * throw {@link OperationCanceledException} when it is cancelled.
     */
    protected abstract D read(TargetSession session, IProgressMonitor monitor);

    /** Shows what {@link #read} returned; called on the UI thread. */
    protected abstract void show(TargetSession session, D data);

    @Override
    protected void addActions(IToolBarManager toolBar, IMenuManager menu) {
        freeze = action("Freeze", IAction.AS_CHECK_BOX, () -> setFrozen(!frozen));
        freeze.setToolTipText("Freeze: keep showing this state while the target moves on");
        freeze.setImageDescriptor(icon("freeze.png"));
        Action refresh = action("Refresh", IAction.AS_PUSH_BUTTON,
                () -> Sessions.get().current().ifPresent(this::refresh));
        refresh.setImageDescriptor(icon("refresh.png"));
        toolBar.add(refresh);
        toolBar.add(freeze);
        menu.add(refresh);
        menu.add(freeze);
    }

    private void sessionChanged(TargetSession s) {
        // the same target moving on follows the refresh policy; another target is always shown
        if (frozen || s == shown && !VmscopePreferences.refreshOnStop()) {
            return;
        }
        refresh(s);
    }

    /** Reads {@code session} again in a job and shows it, unless the view is frozen. */
    public final void refresh(TargetSession session) {
        if (frozen) {
            return;
        }
        if (job != null) {
            job.cancel();
        }
        job = new ReadJob(session);
        job.schedule();
    }

    private final class ReadJob extends Job {
        private final TargetSession session;

        ReadJob(TargetSession session) {
            super("Reading " + session.name() + " for " + getPartName());
            this.session = session;
        }

        @Override
        protected IStatus run(IProgressMonitor monitor) {
            D data;
            try {
                data = read(session, monitor);
            } catch (OperationCanceledException e) {
                return Status.CANCEL_STATUS;
            } catch (RuntimeException e) {
                IStatus error = Status.error(getPartName() + " cannot read " + session.name() + ": " + message(e), e);
                // a view that fails on every stop must not stack dialogs: log it and say it in the view
                StatusManager.getManager().handle(error, StatusManager.LOG);
                onUiThread(() -> {
                    if (job == this) {
                        failed(error.getMessage());
                    }
                });
                return Status.OK_STATUS;
            }
            if (monitor.isCanceled()) {
                return Status.CANCEL_STATUS;
            }
            onUiThread(() -> {
                if (job == this && !frozen) {
                    shown = session;
                    show(session, data);
                }
            });
            return Status.OK_STATUS;
        }

        @Override
        public boolean belongsTo(Object family) {
            return family == JOBS;
        }
    }

    /** The session whose state the view shows now, or null. */
    protected final TargetSession shownSession() {
        return shown;
    }

    public final boolean isFrozen() {
        return frozen;
    }

    /** Freezes the view on what it shows, or thaws it and catches up with the current session. */
    public final void setFrozen(boolean on) {
        if (on == frozen) {
            return;
        }
        frozen = on;
        freeze.setChecked(on);
        if (on && job != null) {
            job.cancel();
        }
        setContentDescription(on ? "Frozen: the target moves on, this view does not" : "");
        if (!on) {
            Sessions.get().current().ifPresent(this::refresh);
        }
    }

    /** Shown while no target is open. */
    protected void renderNoTarget() {
        summary(NO_TARGET);
    }

    protected static final String NO_TARGET = "No target. Open a simulated target or connect to a GDB remote target.";

    @Override
    public void dispose() {
        Sessions.get().removeListener(listener);
        if (job != null) {
            job.cancel();
        }
        super.dispose();
    }
}
