package org.vmscope.ui.views;

import java.util.List;

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

/** A horizontal strip of physical memory, each run drawn in its owner's colour, proportional to its size. */
final class FrameStrip {
    private final Canvas canvas;
    private List<PageRun> runs = List.of();

    FrameStrip(Composite parent) {
        canvas = new Canvas(parent, SWT.DOUBLE_BUFFERED);
        canvas.addPaintListener(e -> paint(e.gc, canvas.getClientArea()));
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

    void setRuns(List<PageRun> runs) {
        this.runs = runs;
        canvas.redraw();
    }

    private void paint(GC gc, Rectangle area) {
        long total = 0;
        for (PageRun r : runs) {
            total += r.count();
        }
        if (total == 0 || area.width <= 0) {
            return;
        }
        long done = 0;
        for (PageRun r : runs) {
            int x0 = (int) (area.x + done * area.width / total);
            done += r.count();
            int x1 = (int) (area.x + done * area.width / total);
            gc.setBackground(PageMarkers.colour(canvas.getDisplay(), r.marker()));
            gc.fillRectangle(x0, area.y, Math.max(1, x1 - x0), area.height);
        }
        gc.setForeground(canvas.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
        gc.drawRectangle(area.x, area.y, area.width - 1, area.height - 1);
    }
}
