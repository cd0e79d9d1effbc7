package org.vmscope.ui.views;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import org.eclipse.core.runtime.ListenerList;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.ISelectionChangedListener;
import org.eclipse.jface.viewers.ISelectionProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.ITreeSelection;
import org.eclipse.jface.viewers.SelectionChangedEvent;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.StructuredViewer;
import org.eclipse.jface.viewers.TreePath;
import org.eclipse.jface.viewers.TreeSelection;
import org.vmscope.ui.rows.Row;

/**
 * A view's selection as {@link Row}s: the viewer's elements with the context (parent, page size, pointer width)
 * that the Properties view and Show In targets need.
 */
final class RowSelectionProvider implements ISelectionProvider {
    private final StructuredViewer viewer;
    private final BiFunction<Object, Object, Row> toRow;
    private final ListenerList<ISelectionChangedListener> listeners = new ListenerList<>();
    /** A finer row than the viewer's (a frame within a run), kept while its element stays selected. */
    private Row pinned;

    /** @param toRow (element, parent element or null) to its row, or null for an element that is no row */
    RowSelectionProvider(StructuredViewer viewer, BiFunction<Object, Object, Row> toRow) {
        this.viewer = viewer;
        this.toRow = toRow;
        viewer.addSelectionChangedListener(e -> fire());
    }

    private void fire() {
        SelectionChangedEvent event = new SelectionChangedEvent(this, getSelection());
        for (ISelectionChangedListener l : listeners) {
            l.selectionChanged(event);
        }
    }

    /** Selects {@code row}'s element and publishes {@code row} itself, until the viewer's selection changes. */
    void pin(Row row) {
        pinned = row;
        viewer.setSelection(new StructuredSelection(row.element()), true);
        fire();
    }

    @Override
    public IStructuredSelection getSelection() {
        IStructuredSelection sel = viewer.getStructuredSelection();
        List<Row> rows = new ArrayList<>();
        if (sel instanceof ITreeSelection t) {
            for (TreePath p : t.getPaths()) {
                int n = p.getSegmentCount();
                add(rows, toRow.apply(p.getLastSegment(), n > 1 ? p.getSegment(n - 2) : null));
            }
        } else {
            for (Object o : sel.toList()) {
                add(rows, toRow.apply(o, null));
            }
        }
        if (pinned != null && rows.size() == 1 && rows.get(0).element().equals(pinned.element())) {
            return new StructuredSelection(pinned);
        }
        pinned = null;
        return new StructuredSelection(rows);
    }

    private static void add(List<Row> rows, Row r) {
        if (r != null) {
            rows.add(r);
        }
    }

    /** Selects the viewer elements of the given rows (or elements) and reveals them. */
    @Override
    public void setSelection(ISelection selection) {
        List<TreePath> paths = new ArrayList<>();
        if (selection instanceof IStructuredSelection s) {
            for (Object o : s.toList()) {
                // equal elements may sit under two parents (a forked child's entries): select by path
                Object parent = o instanceof Row r ? r.parentElement() : null;
                Object element = o instanceof Row r ? r.element() : o;
                paths.add(new TreePath(parent == null ? new Object[] { element } : new Object[] { parent, element }));
            }
        }
        if (viewer instanceof org.eclipse.jface.viewers.AbstractTreeViewer) {
            viewer.setSelection(new TreeSelection(paths.toArray(TreePath[]::new)), true);
        } else {
            viewer.setSelection(new StructuredSelection(paths.stream().map(TreePath::getLastSegment).toList()), true);
        }
    }

    @Override
    public void addSelectionChangedListener(ISelectionChangedListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeSelectionChangedListener(ISelectionChangedListener listener) {
        listeners.remove(listener);
    }
}
