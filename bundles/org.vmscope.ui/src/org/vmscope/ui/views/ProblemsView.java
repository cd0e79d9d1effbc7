package org.vmscope.ui.views;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.viewers.ColumnViewer;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Table;
import org.eclipse.ui.ISharedImages;
import org.eclipse.ui.PlatformUI;
import org.vmscope.core.Finding;
import org.vmscope.core.TargetSession;
import org.vmscope.model.check.Severity;
import org.vmscope.ui.rows.FindingRow;
import org.vmscope.ui.rows.Row;

/**
 * What the consistency checks find wrong in the target's VM state: errors (broken invariants, leaks) before
 * warnings (documented but odd kernel behaviour), each naming the structure at fault.
 */
public class ProblemsView extends SessionView<List<Finding>> {
    public static final String ID = "org.vmscope.ui.views.problems";

    private TableViewer problems;

    @Override
    protected Control create(Composite parent) {
        problems = new TableViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.MULTI);
        Table t = problems.getTable();
        t.setHeaderVisible(true);
        t.setLinesVisible(true);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(t);
        problems.setContentProvider(ArrayContentProvider.getInstance());
        Columns.add(problems, Finding.class, "Severity", 95, f -> f.severity().name(), ProblemsView::icon);
        Columns.add(problems, Finding.class, "Code", 210, Finding::code);
        Columns.add(problems, Finding.class, "Object", 230, Finding::subject);
        Columns.add(problems, Finding.class, "Message", 500, Finding::message);
        return parent;
    }

    @Override
    protected ColumnViewer viewer() {
        return problems;
    }

    @Override
    protected Row row(Object element, Object parent) {
        return element instanceof Finding f ? new FindingRow(f) : null;
    }

    @Override
    protected String[] showInTargets() {
        return new String[] { MemoryObjectsView.ID };
    }

    private static Image icon(Finding f) {
        return PlatformUI.getWorkbench().getSharedImages().getImage(
                f.severity() == Severity.ERROR ? ISharedImages.IMG_OBJS_ERROR_TSK : ISharedImages.IMG_OBJS_WARN_TSK);
    }

    @Override
    protected List<Finding> read(TargetSession session, IProgressMonitor monitor) {
        List<Finding> found = new ArrayList<>(session.problems());
        // stable: within a severity the checks' own order (layer by layer) is kept
        found.sort(Comparator.comparing(Finding::severity));
        return found;
    }

    @Override
    protected void show(TargetSession session, List<Finding> found) {
        long errors = found.stream().filter(Finding::isError).count();
        long warnings = found.size() - errors;
        summary(found.isEmpty() ? session.name() + " — no problems found"
                : String.format("%s — %d error%s, %d warning%s", session.name(), errors, errors == 1 ? "" : "s",
                        warnings, warnings == 1 ? "" : "s"));
        problems.setInput(found);
    }



    /** The problem rows, for tests and exports. */
    public Table table() {
        return problems.getTable();
    }

    @Override
    public void setFocus() {
        problems.getTable().setFocus();
    }
}
