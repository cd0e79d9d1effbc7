package org.vmscope.ui.views;

import java.util.List;
import java.util.function.Consumer;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.ui.part.ViewPart;
import org.vmscope.model.page.PageRun;
import org.vmscope.core.PageTotals;
import org.vmscope.core.Sessions;
import org.vmscope.core.TargetSession;
import org.vmscope.ui.internal.PageMarkers;

/**
 * The physical page map of the current target: a frame strip coloured by owner and a table of runs
 * of equal pages, one row per run rather than per page so a million-page target stays cheap.
 */
public class PhysicalMemoryView extends ViewPart {
    public static final String ID = "org.vmscope.ui.views.physicalMemory";

    private Label summary;
    private FrameStrip strip;
    private TableViewer runs;
    private final Consumer<TargetSession> listener = s -> {
        if (summary != null && !summary.isDisposed()) {
            summary.getDisplay().asyncExec(() -> show(s));
        }
    };

    @Override
    public void createPartControl(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        summary = new Label(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(summary);
        strip = new FrameStrip(parent);
        GridDataFactory.fillDefaults().grab(true, false).hint(SWT.DEFAULT, 28).applyTo(strip.control());

        runs = new TableViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.MULTI);
        Table table = runs.getTable();
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(table);
        runs.setContentProvider(ArrayContentProvider.getInstance());
        column("Start", 130, r -> String.format("0x%08x", r.addr()));
        column("End", 130, r -> String.format("0x%08x", r.addr() + r.count() * pageSize() - 1));
        column("Pages", 80, r -> Long.toString(r.count()));
        column("Marker", 60, r -> Character.toString(r.marker()));
        column("State", 220, r -> PageMarkers.describe(r.marker()));
        column("Flags", 70, r -> r.flags() < 0 ? "" : String.format("0x%02x", r.flags()));
        getSite().setSelectionProvider(runs);

        Sessions.get().addListener(listener);
        Sessions.get().current().ifPresentOrElse(this::show,
                () -> summary.setText("No target. Open a simulated target or connect to a GDB remote target."));
    }

    private long pageSize() {
        return Sessions.get().current().map(s -> s.pageTotals().pageSize()).orElse(4096L);
    }

    private void column(String title, int width, java.util.function.Function<PageRun, String> text) {
        TableViewerColumn c = new TableViewerColumn(runs, SWT.LEFT);
        c.getColumn().setText(title);
        c.getColumn().setWidth(width);
        c.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply((PageRun) element);
            }
        });
    }

    private void show(TargetSession session) {
        if (runs.getTable().isDisposed()) {
            return;
        }
        List<PageRun> list = session.pageRuns();
        PageTotals t = session.pageTotals();
        summary.setText(String.format("%s — %d KiB total, %d KiB used, %d KiB free, %d runs", session.name(),
                t.totalBytes() >> 10, t.usedBytes() >> 10, t.freeBytes() >> 10, list.size()));
        setContentDescription(session.name());
        strip.setRuns(list);
        runs.setInput(list);
        summary.getParent().layout(true);
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

    @Override
    public void dispose() {
        Sessions.get().removeListener(listener);
        super.dispose();
    }
}
