package org.vmscope.ui.views;

import java.util.List;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Table;
import org.vmscope.model.page.PageRun;
import org.vmscope.core.PageTotals;
import org.vmscope.core.TargetSession;
import org.vmscope.ui.internal.PageMarkers;

/**
 * The physical page map of the current target: a frame strip coloured by owner and a table of runs
 * of equal pages, one row per run rather than per page so a million-page target stays cheap.
 */
public class PhysicalMemoryView extends SessionView {
    public static final String ID = "org.vmscope.ui.views.physicalMemory";

    private FrameStrip strip;
    private TableViewer runs;
    private long pageSize = 4096;

    @Override
    protected Control create(Composite parent) {
        strip = new FrameStrip(parent);
        GridDataFactory.fillDefaults().grab(true, false).hint(SWT.DEFAULT, 28).applyTo(strip.control());

        runs = new TableViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.MULTI);
        Table table = runs.getTable();
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(table);
        runs.setContentProvider(ArrayContentProvider.getInstance());
        Columns.add(runs, PageRun.class, "Start", 130, r -> String.format("0x%08x", r.addr()));
        Columns.add(runs, PageRun.class, "End", 130, r -> String.format("0x%08x", r.addr() + r.count() * pageSize() - 1));
        Columns.add(runs, PageRun.class, "Pages", 80, r -> Long.toString(r.count()));
        Columns.add(runs, PageRun.class, "Marker", 60, r -> Character.toString(r.marker()));
        Columns.add(runs, PageRun.class, "State", 220, r -> PageMarkers.describe(r.marker()));
        Columns.add(runs, PageRun.class, "Flags", 70, r -> r.flags() < 0 ? "" : String.format("0x%02x", r.flags()));
        getSite().setSelectionProvider(runs);
        return parent;
    }


    private long pageSize() {
        return pageSize;
    }

    @Override
    protected void render(TargetSession session) {
        List<PageRun> list = session.pageRuns();
        PageTotals t = session.pageTotals();
        pageSize = t.pageSize();
        summary(String.format("%s — %d KiB total, %d KiB used, %d KiB free, %d runs", session.name(),
                t.totalBytes() >> 10, t.usedBytes() >> 10, t.freeBytes() >> 10, list.size()));
        setContentDescription(session.name());
        strip.setRuns(list);
        runs.setInput(list);
    }

    /** The runs the table shows now, for tests and exports. */
    public List<PageRun> shownRuns() {
        Object input = runs.getInput();
        @SuppressWarnings("unchecked")
        List<PageRun> l = input instanceof List<?> ? (List<PageRun>) input : List.of();
        return l;
    }

    public Table table() {
        return runs.getTable();
    }

    @Override
    public void setFocus() {
        runs.getTable().setFocus();
    }
}
