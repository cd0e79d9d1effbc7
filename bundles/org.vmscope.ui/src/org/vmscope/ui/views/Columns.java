package org.vmscope.ui.views;

import java.util.function.Function;

import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ColumnViewer;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.jface.viewers.TreeViewerColumn;
import org.eclipse.jface.viewers.ViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Image;
import org.vmscope.ui.rows.Format;

/** Adds text columns to table and tree viewers from a function of the row. */
final class Columns {

    private Columns() {
    }

    /** A column whose rows of type {@code T} show {@code text}; other rows show nothing. */
    static <T> void add(ColumnViewer viewer, Class<T> type, String title, int width, Function<T, String> text) {
        add(viewer, type, title, width, text, null);
    }

    /** As {@link #add(ColumnViewer, Class, String, int, Function)}, with an icon from {@code image} (may be null). */
    static <T> void add(ColumnViewer viewer, Class<T> type, String title, int width, Function<T, String> text,
            Function<T, Image> image) {
        ViewerColumn c;
        if (viewer instanceof TableViewer t) {
            TableViewerColumn col = new TableViewerColumn(t, SWT.LEFT);
            col.getColumn().setText(title);
            col.getColumn().setWidth(width);
            c = col;
        } else if (viewer instanceof TreeViewer t) {
            TreeViewerColumn col = new TreeViewerColumn(t, SWT.LEFT);
            col.getColumn().setText(title);
            col.getColumn().setWidth(width);
            c = col;
        } else {
            throw new IllegalArgumentException("columns need a table or tree viewer");
        }
        c.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return type.isInstance(element) ? text.apply(type.cast(element)) : "";
            }

            @Override
            public Image getImage(Object element) {
                return image != null && type.isInstance(element) ? image.apply(type.cast(element)) : null;
            }
        });
    }

    /** An address as psh prints it: zero-padded to the target's pointer width. */
    static String address(long a, int pointerBytes) {
        return Format.address(a, pointerBytes);
    }
}
