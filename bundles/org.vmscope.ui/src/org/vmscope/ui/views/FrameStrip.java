package org.vmscope.ui.views;

import java.util.List;
import java.util.function.LongConsumer;
import java.util.function.LongFunction;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.vmscope.core.VmscopePreferences;
import org.vmscope.model.page.PageRun;
import org.vmscope.ui.internal.PageMarkers;

/**
 * A horizontal strip of physical memory, each run drawn in its owner's colour, proportional to its size.
 * Drawing costs one rectangle per run, never per page. Hovering a point names its frame; clicking picks it.
 */
final class FrameStrip {
    private final Canvas canvas;
    private List<PageRun> runs = List.of();
    private long pageSize = 4096;
    private long totalPages;

    /**
     * @param describe the tooltip text of a frame
     * @param picked   called with the frame clicked
     */
    FrameStrip(Composite parent, LongFunction<String> describe, LongConsumer picked) {
        canvas = new Canvas(parent, SWT.DOUBLE_BUFFERED);
        canvas.addPaintListener(e -> paint(e.gc, canvas.getClientArea()));
        canvas.addListener(SWT.MouseHover, e -> {
            long pa = frameAt(e.x);
            canvas.setToolTipText(pa < 0 ? null : describe.apply(pa));
        });
        canvas.addListener(SWT.MouseDown, e -> {
            long pa = frameAt(e.x);
            if (pa >= 0) {
                picked.accept(pa);
            }
        });
        // owner colours are preferences: repaint when the user changes one
        IEclipsePreferences.IPreferenceChangeListener repaint = e -> canvas.getDisplay().asyncExec(() -> {
            if (!canvas.isDisposed()) {
                canvas.redraw();
            }
        });
        IEclipsePreferences node = InstanceScope.INSTANCE.getNode(VmscopePreferences.NODE);
        node.addPreferenceChangeListener(repaint);
        canvas.addDisposeListener(e -> node.removePreferenceChangeListener(repaint));
    }

    Control control() {
        return canvas;
    }

    void setRuns(List<PageRun> runs, long pageSize) {
        this.runs = runs;
        this.pageSize = pageSize;
        long total = 0;
        for (PageRun r : runs) {
            total += r.count();
        }
        totalPages = total;
        canvas.redraw();
    }

    /** The frame drawn at {@code x}, or -1 outside the runs. */
    long frameAt(int x) {
        Rectangle area = canvas.getClientArea();
        if (totalPages == 0 || area.width <= 0 || x < area.x || x >= area.x + area.width) {
            return -1;
        }
        long page = (x - area.x) * totalPages / area.width;
        long done = 0;
        for (PageRun r : runs) {
            if (page < done + r.count()) {
                return r.addr() + (page - done) * pageSize;
            }
            done += r.count();
        }
        return -1;
    }

    private void paint(GC gc, Rectangle area) {
        if (totalPages == 0 || area.width <= 0) {
            return;
        }
        long done = 0;
        for (PageRun r : runs) {
            int x0 = (int) (area.x + done * area.width / totalPages);
            done += r.count();
            int x1 = (int) (area.x + done * area.width / totalPages);
            gc.setBackground(PageMarkers.colour(canvas.getDisplay(), r.marker()));
            gc.fillRectangle(x0, area.y, Math.max(1, x1 - x0), area.height);
        }
        gc.setForeground(canvas.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
        gc.drawRectangle(area.x, area.y, area.width - 1, area.height - 1);
    }
}
