package org.vmscope.ui.views;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.vmscope.core.AddressSpace;
import org.vmscope.model.map.EntryInfo;
import org.vmscope.model.map.Mman;

/**
 * One address space as a bar: entries coloured by kind (text, writable data, anonymous, device/physical),
 * each gap drawn as a thin hatched slot of fixed width however long it is, so a few pages near the
 * bottom and a stack near the top are both visible.
 */
final class MapBar {
    private static final int GAP_WIDTH = 6;
    private final Canvas canvas;
    private List<EntryInfo> entries = List.of();

    MapBar(Composite parent) {
        canvas = new Canvas(parent, SWT.DOUBLE_BUFFERED);
        canvas.addPaintListener(e -> paint(e.gc, canvas.getClientArea()));
    }

    Control control() {
        return canvas;
    }

    void show(AddressSpace space) {
        entries = new ArrayList<>(space.entries());
        canvas.setToolTipText(space.name() + ": " + entries.size() + " entries, " + AddressSpacesView.size(space.mappedBytes()));
        canvas.redraw();
    }

    private void paint(GC gc, Rectangle area) {
        if (entries.isEmpty() || area.width <= 0) {
            return;
        }
        int gaps = 0;
        long bytes = 0;
        for (int i = 0; i < entries.size(); i++) {
            bytes += entries.get(i).size();
            if (i > 0 && entries.get(i).vaddr() != entries.get(i - 1).vaddr() + entries.get(i - 1).size()) {
                gaps++;
            }
        }
        int room = Math.max(entries.size(), area.width - gaps * GAP_WIDTH);
        int x = area.x;
        for (int i = 0; i < entries.size(); i++) {
            EntryInfo e = entries.get(i);
            if (i > 0 && e.vaddr() != entries.get(i - 1).vaddr() + entries.get(i - 1).size()) {
                gc.setForeground(canvas.getDisplay().getSystemColor(SWT.COLOR_GRAY));
                gc.drawLine(x + 1, area.y + area.height - 2, x + GAP_WIDTH - 2, area.y + 1);
                x += GAP_WIDTH;
            }
            int w = (int) Math.max(1, e.size() * room / Math.max(1, bytes));
            gc.setBackground(colour(e));
            gc.fillRectangle(x, area.y, w, area.height);
            x += w;
        }
        gc.setForeground(canvas.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
        gc.drawRectangle(area.x, area.y, area.width - 1, area.height - 1);
    }

    private Color colour(EntryInfo e) {
        int id;
        if ((e.flags() & (Mman.MAP_DEVICE | Mman.MAP_PHYSMEM)) != 0 || e.objectKind() == EntryInfo.OBJECT_MEMORY) {
            id = SWT.COLOR_DARK_MAGENTA;
        } else if ((e.prot() & Mman.PROT_EXEC) != 0) {
            id = SWT.COLOR_DARK_BLUE;
        } else if (e.objectKind() == EntryInfo.OBJECT_ANONYMOUS) {
            id = SWT.COLOR_DARK_GREEN;
        } else if ((e.prot() & Mman.PROT_WRITE) != 0) {
            id = SWT.COLOR_DARK_CYAN;
        } else {
            id = SWT.COLOR_DARK_YELLOW;
        }
        return canvas.getDisplay().getSystemColor(id);
    }
}
