package org.vmscope.ui.handlers;

import java.nio.file.Path;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.handlers.HandlerUtil;
import org.vmscope.ui.internal.SnapshotFiles;
import org.vmscope.ui.internal.ViewJobs;
import org.vmscope.ui.views.SnapshotDiffView;

/** vmscope → Compare Snapshots...: asks for the before and the after file and opens the Snapshot Diff view. */
public class CompareSnapshotsHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) {
        Shell shell = HandlerUtil.getActiveShell(event);
        String before = ask(shell, "Compare Snapshots: the snapshot BEFORE");
        String after = before == null ? null : ask(shell, "Compare Snapshots: the snapshot AFTER");
        if (after == null) {
            return null;
        }
        try {
            SnapshotDiffView view = (SnapshotDiffView) HandlerUtil.getActiveWorkbenchWindow(event).getActivePage()
                    .showView(SnapshotDiffView.ID);
            view.compare(Path.of(before), Path.of(after));
        } catch (PartInitException | RuntimeException e) {
            ViewJobs.report("Cannot compare snapshots", e.getMessage(), e);
        }
        return null;
    }

    private static String ask(Shell shell, String title) {
        FileDialog d = new FileDialog(shell, SWT.OPEN);
        d.setText(title);
        d.setFilterNames(new String[] { "vmscope snapshots (*." + SnapshotFiles.EXTENSION + ")", "All files" });
        d.setFilterExtensions(new String[] { "*." + SnapshotFiles.EXTENSION, "*" });
        return d.open();
    }
}
