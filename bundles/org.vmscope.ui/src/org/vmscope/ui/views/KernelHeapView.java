package org.vmscope.ui.views;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.viewers.ColumnViewer;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Table;
import org.vmscope.core.KernelHeap;
import org.vmscope.core.TargetSession;
import org.vmscope.ui.rows.Row;
import org.vmscope.ui.rows.SizeClassRow;

/**
 * kmalloc's size classes (zones, used and total blocks), the map-entry pool, and a heat map with one
 * cell per zone coloured by how full it is: a row of pale cells is a fragmented class.
 */
public class KernelHeapView extends SessionView<KernelHeap> {
    public static final String ID = "org.vmscope.ui.views.kernelHeap";

    private Canvas heat;
    private TableViewer classes;
    private List<KernelHeap.SizeClass> shown = List.of();

    @Override
    protected Control create(Composite parent) {
        heat = new Canvas(parent, SWT.DOUBLE_BUFFERED);
        GridDataFactory.fillDefaults().grab(true, false).hint(SWT.DEFAULT, 80).applyTo(heat);
        heat.addPaintListener(e -> paintHeat(e.gc, heat.getClientArea()));
        classes = new TableViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.MULTI);
        Table t = classes.getTable();
        t.setHeaderVisible(true);
        t.setLinesVisible(true);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(t);
        classes.setContentProvider(ArrayContentProvider.getInstance());
        Class<KernelHeap.SizeClass> c = KernelHeap.SizeClass.class;
        Columns.add(classes, c, "Class", 60, s -> Integer.toString(s.index()));
        Columns.add(classes, c, "Block size", 100, s -> AddressSpacesView.size(s.blockSize()));
        Columns.add(classes, c, "Zones", 70, s -> Integer.toString(s.zones()));
        Columns.add(classes, c, "Used blocks", 100, s -> Long.toString(s.usedBlocks()));
        Columns.add(classes, c, "Total blocks", 100, s -> Long.toString(s.totalBlocks()));
        Columns.add(classes, c, "Fill", 70, s -> String.format("%.0f%%", 100 * s.usedFraction()));
        return parent;
    }

    @Override
    protected ColumnViewer viewer() {
        return classes;
    }

    @Override
    protected Row row(Object element, Object parent) {
        return element instanceof KernelHeap.SizeClass c ? new SizeClassRow(c) : null;
    }

    @Override
    protected KernelHeap read(TargetSession session, IProgressMonitor monitor) {
        return session.kernelHeap();
    }

    @Override
    protected void show(TargetSession session, KernelHeap h) {
        shown = h.classes();
        summary(String.format("%s — kmalloc %d bytes in %d classes; map entries %d/%d used", session.name(),
                h.allocBytes(), h.classes().size(), h.entriesUsed(), h.entriesTotal()));
        classes.setInput(h.classes());
        heat.redraw();
    }


    public Table table() {
        return classes.getTable();
    }

    @Override
    public void setFocus() {
        classes.getTable().setFocus();
    }

    private void paintHeat(GC gc, Rectangle area) {
        if (shown.isEmpty()) {
            return;
        }
        int rowHeight = Math.max(4, area.height / shown.size());
        List<Color> made = new ArrayList<>();
        try {
            int y = area.y;
            for (KernelHeap.SizeClass s : shown) {
                int cells = Math.max(1, s.zoneList().size());
                int w = Math.max(2, Math.min(24, area.width / cells));
                int x = area.x;
                for (KernelHeap.Zone z : s.zoneList()) {
                    double fill = z.blocks() == 0 ? 0 : (double) z.used() / z.blocks();
                    // white (empty) to deep red (full)
                    int fade = (int) Math.round(255 * (1 - fill));
                    Color col = new Color(gc.getDevice(), new RGB(200 + fade * 55 / 255, fade, fade));
                    made.add(col);
                    gc.setBackground(col);
                    gc.fillRectangle(x, y, w - 1, rowHeight - 1);
                    x += w;
                    if (x >= area.x + area.width) {
                        break;
                    }
                }
                y += rowHeight;
            }
        } finally {
            for (Color col : made) {
                col.dispose();
            }
        }
    }
}
