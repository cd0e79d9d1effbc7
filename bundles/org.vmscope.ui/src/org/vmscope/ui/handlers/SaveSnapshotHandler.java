package org.vmscope.ui.handlers;

import java.nio.file.Path;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.handlers.HandlerUtil;
import org.vmscope.core.Sessions;
import org.vmscope.core.TargetSession;
import org.vmscope.ui.internal.SnapshotFiles;
import org.vmscope.ui.internal.ViewJobs;

/** vmscope → Save Snapshot...: the current target's state to a file, for Compare Snapshots or {@code vmscope diff}. */
public class SaveSnapshotHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) {
        Shell shell = HandlerUtil.getActiveShell(event);
        TargetSession session = Sessions.get().current().orElse(null);
        if (session == null) {
            ViewJobs.report("Cannot save a snapshot", "no target is open", new IllegalStateException());
            return null;
        }
        FileDialog d = new FileDialog(shell, SWT.SAVE);
        d.setText("Save Snapshot of " + session.name());
        d.setOverwrite(true);
        d.setFilterNames(new String[] { "vmscope snapshots (*." + SnapshotFiles.EXTENSION + ")", "All files" });
        d.setFilterExtensions(new String[] { "*." + SnapshotFiles.EXTENSION, "*" });
        d.setFileName("state." + SnapshotFiles.EXTENSION);
        String file = d.open();
        if (file != null) {
            try {
                SnapshotFiles.save(session, Path.of(file));
            } catch (RuntimeException e) {
                ViewJobs.report("Cannot save snapshot " + file, e.getMessage(), e);
            }
        }
        return null;
    }
}
