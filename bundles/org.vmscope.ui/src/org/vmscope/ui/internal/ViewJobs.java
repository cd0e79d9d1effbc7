package org.vmscope.ui.internal;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.ICoreRunnable;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.ui.statushandlers.StatusManager;
import org.vmscope.ui.views.RowsView;

/** Jobs the user starts from vmscope's views and menus: in the views' job family, failures shown in a dialog. */
public final class ViewJobs {

    private ViewJobs() {
    }

    /** Schedules {@code body}; an exception it throws is shown to the user and logged as {@code failure: reason}. */
    public static Job schedule(String name, String failure, ICoreRunnable body) {
        Job job = new Job(name) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                try {
                    body.run(monitor);
                    return Status.OK_STATUS;
                } catch (OperationCanceledException e) {
                    return Status.CANCEL_STATUS;
                } catch (CoreException e) {
                    report(failure, e.getStatus().getMessage(), e);
                } catch (RuntimeException e) {
                    report(failure, e.getMessage(), e);
                }
                return Status.OK_STATUS;
            }

            @Override
            public boolean belongsTo(Object family) {
                return family == RowsView.JOBS;
            }
        };
        job.setUser(true);
        job.schedule();
        return job;
    }

    /** Shows and logs {@code failure: reason}. */
    public static void report(String failure, String reason, Throwable cause) {
        String why = reason == null || reason.isBlank() ? cause.getClass().getSimpleName() : reason;
        StatusManager.getManager().handle(Status.error(failure + ": " + why, cause),
                StatusManager.SHOW | StatusManager.LOG);
    }
}
