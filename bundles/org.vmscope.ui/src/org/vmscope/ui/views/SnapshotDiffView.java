package org.vmscope.ui.views;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.viewers.ColumnViewer;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Tree;
import org.vmscope.model.state.State;
import org.vmscope.model.state.diff.StateDiff;
import org.vmscope.model.state.snapshot.SnapshotException;
import org.vmscope.model.state.snapshot.Snapshots;
import org.vmscope.ui.internal.ViewJobs;
import org.vmscope.ui.rows.DiffRow;
import org.vmscope.ui.rows.Row;

/**
 * What changed between two snapshot files, as {@code vmscope diff} reports it: pages allocated and freed by
 * owner, address spaces, map entries, objects, kmalloc classes and the entry pool, one section each.
 */
public class SnapshotDiffView extends RowsView {
    public static final String ID = "org.vmscope.ui.views.snapshotDiff";

    private TreeViewer tree;
    private String diffText = "";

    @Override
    protected Control create(Composite parent) {
        tree = new TreeViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.MULTI);
        Tree t = tree.getTree();
        t.setHeaderVisible(true);
        t.setLinesVisible(true);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(t);
        tree.setContentProvider(new TwoLevelContent<>(DiffSections.Section.class, DiffSections.Section::rows));
        Columns.add(tree, Object.class, "Item", 380,
                o -> o instanceof DiffSections.Section s ? s.label() : ((DiffRow) o).item());
        Columns.add(tree, DiffRow.class, "Change", 90, DiffRow::change);
        Columns.add(tree, DiffRow.class, "Detail", 420, DiffRow::detail);
        summary("No snapshots compared. vmscope → Compare Snapshots... picks two snapshot files.");
        return parent;
    }

    @Override
    protected ColumnViewer viewer() {
        return tree;
    }

    @Override
    protected Row row(Object element, Object parent) {
        return element instanceof DiffRow r ? r : null;
    }

    /** Loads both files in a job and shows what changed from {@code before} to {@code after}. */
    public void compare(Path before, Path after) {
        summary("Comparing " + before.getFileName() + " and " + after.getFileName() + "...");
        ViewJobs.schedule("Comparing snapshots", "Cannot compare " + before + " and " + after, m -> {
            State a;
            State b;
            try {
                a = Snapshots.load(before);
                b = Snapshots.load(after);
            } catch (SnapshotException e) {
                onUiThread(() -> failed("Cannot compare: " + message(e)));
                throw new IllegalArgumentException(message(e), e);
            }
            StateDiff d = StateDiff.between(a, b);
            int pointerBytes = Math.max(a.getTarget().getPointerSize(), b.getTarget().getPointerSize());
            onUiThread(() -> show(before.getFileName() + " → " + after.getFileName(), d, pointerBytes));
        });
    }

    private void show(String title, StateDiff d, int pointerBytes) {
        List<DiffSections.Section> sections = DiffSections.of(d, pointerBytes);
        diffText = d.toText();
        int changes = sections.stream().mapToInt(s -> s.rows().size()).sum();
        summary(d.isEmpty() ? title + ": no differences" : String.format("%s: %d changes in %d sections", title,
                changes, sections.size()));
        tree.setInput(sections);
        tree.expandAll();
    }

    /** {@code vmscope diff}'s text report of the shown comparison. */
    @Override
    protected List<org.vmscope.ui.export.Export> pshExports() {
        return List.of(new org.vmscope.ui.export.Export("vmscope diff", "txt", () -> diffText));
    }

    public Tree treeControl() {
        return tree.getTree();
    }

    @Override
    public void setFocus() {
        tree.getTree().setFocus();
    }
}
