package org.vmscope.ui.views;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.eclipse.jface.viewers.CellLabelProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ColumnViewer;
import org.eclipse.swt.widgets.Item;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Tree;
import org.vmscope.ui.export.Grid;

/**
 * A viewer's rows as text, through its own column label providers: what the view shows is what is copied
 * and exported, whether or not the rows were ever expanded or scrolled into view.
 */
final class ViewerGrid {
    /** Bounds an export of a corrupt, cyclic tree. */
    private static final int MAX_DEPTH = 8;

    private ViewerGrid() {
    }

    static List<String> header(ColumnViewer viewer) {
        Item[] cols = viewer.getControl() instanceof Table t ? t.getColumns()
                : viewer.getControl() instanceof Tree t ? t.getColumns() : new Item[0];
        List<String> out = new ArrayList<>();
        for (Item c : cols) {
            out.add(c.getText());
        }
        return out;
    }

    static List<String> cells(ColumnViewer viewer, Object element) {
        int n = header(viewer).size();
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            CellLabelProvider p = viewer.getLabelProvider(i);
            String s = p instanceof ColumnLabelProvider c ? c.getText(element) : "";
            out.add(s == null ? "" : s);
        }
        return out;
    }

    /** The roots and, depth first, their children. */
    static Grid of(ColumnViewer viewer, List<?> roots, Function<Object, List<?>> children) {
        List<Grid.Line> lines = new ArrayList<>();
        add(viewer, roots, children, 0, lines);
        return new Grid(header(viewer), lines);
    }

    private static void add(ColumnViewer viewer, List<?> rows, Function<Object, List<?>> children, int depth,
            List<Grid.Line> out) {
        for (Object r : rows) {
            out.add(new Grid.Line(depth, cells(viewer, r)));
            if (depth < MAX_DEPTH) {
                add(viewer, children.apply(r), children, depth + 1, out);
            }
        }
    }
}
