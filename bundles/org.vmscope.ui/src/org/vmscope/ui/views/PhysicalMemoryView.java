package org.vmscope.ui.views;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnViewer;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Table;
import org.vmscope.core.KernelHeap;
import org.vmscope.core.PageTotals;
import org.vmscope.core.TargetSession;
import org.vmscope.model.page.PageRun;
import org.vmscope.model.psh.PshMem;
import org.vmscope.ui.export.Export;
import org.vmscope.ui.internal.PageMarkers;
import org.vmscope.ui.rows.FrameRunRow;
import org.vmscope.ui.rows.PhysicalSpan;
import org.vmscope.ui.rows.Row;
import org.vmscope.ui.rows.VirtualSpan;

/**
 * The physical page map of the current target: a frame strip coloured by owner and a table of runs
 * of equal pages, one row per run rather than per page so a million-page target stays cheap.
 */
public class PhysicalMemoryView extends SessionView<PhysicalMemoryView.Data> {
    public static final String ID = "org.vmscope.ui.views.physicalMemory";

    /** One read: the runs, the allocator's totals and the entry pool (for psh's {@code mem} line). */
    record Data(List<PageRun> runs, PageTotals totals, long entriesUsed, long entriesTotal) {
    }

    private FrameStrip strip;
    private TableViewer runs;
    private Data data;
    private int pointerBytes = 4;

    @Override
    protected Control create(Composite parent) {
        strip = new FrameStrip(parent);
        GridDataFactory.fillDefaults().grab(true, false).hint(SWT.DEFAULT, 28).applyTo(strip.control());

        // virtual: a fragmented million-page target has many runs; only the visible rows get items
        runs = new TableViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.MULTI | SWT.VIRTUAL);
        Table table = runs.getTable();
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(table);
        runs.setContentProvider(ArrayContentProvider.getInstance());
        Columns.add(runs, PageRun.class, "Start", 130, r -> Columns.address(r.addr(), pointerBytes));
        Columns.add(runs, PageRun.class, "End", 130, r -> Columns.address(r.addr() + r.count() * pageSize() - 1, pointerBytes));
        Columns.add(runs, PageRun.class, "Pages", 80, r -> Long.toString(r.count()));
        Columns.add(runs, PageRun.class, "Marker", 60, r -> Character.toString(r.marker()));
        Columns.add(runs, PageRun.class, "State", 220, r -> PageMarkers.describe(r.marker()));
        Columns.add(runs, PageRun.class, "Flags", 70, r -> r.flags() < 0 ? "" : String.format("0x%02x", r.flags()));
        return parent;
    }

    @Override
    protected ColumnViewer viewer() {
        return runs;
    }

    private long pageSize() {
        return data == null ? 4096 : data.totals().pageSize();
    }

    @Override
    protected Data read(TargetSession session, IProgressMonitor monitor) {
        KernelHeap heap = session.kernelHeap();
        return new Data(session.pageRuns(), session.pageTotals(), heap.entriesUsed(), heap.entriesTotal());
    }

    @Override
    protected void show(TargetSession session, Data d) {
        data = d;
        pointerBytes = session.pointerBytes();
        PageTotals t = d.totals();
        summary(String.format("%s — %d KiB total, %d KiB used, %d KiB free, %d runs", session.name(),
                t.totalBytes() >> 10, t.usedBytes() >> 10, t.freeBytes() >> 10, d.runs().size()));
        strip.setRuns(d.runs());
        runs.setInput(d.runs());
    }

    @Override
    protected Row row(Object element, Object parent) {
        return element instanceof PageRun r ? new FrameRunRow(r, pageSize(), pointerBytes) : null;
    }

    @Override
    protected String[] showInTargets() {
        return new String[] { AddressSpacesView.ID, PageTablesView.ID };
    }

    /** The runs holding the frames of a page-table range or page run, or of a map entry's mapped pages. */
    @Override
    protected boolean showIn(Row row) {
        TargetSession s = shownSession();
        if (s == null || data == null) {
            return false;
        }
        List<long[]> frames = new ArrayList<>();
        if (row instanceof PhysicalSpan p) {
            frames.add(new long[] { p.pa(), p.paBytes() });
        } else if (row instanceof VirtualSpan v) {
            frames.addAll(Walks.frames(s, v.pid(), v.va(), v.vaBytes()));
        }
        List<PageRun> hit = new ArrayList<>();
        for (PageRun r : data.runs()) {
            if (Walks.overlapsAny(frames, r.addr(), r.count() * pageSize())) {
                hit.add(r);
            }
        }
        return select(hit);
    }

    /** {@code mem -p} and {@code mem}, byte for byte as psh prints them for the shown state. */
    @Override
    protected List<Export> pshExports() {
        return List.of(new Export("psh mem -p", "txt", this::pshPages), new Export("psh mem", "txt", this::pshSummary));
    }

    private String pshPages() {
        if (data == null || data.runs().isEmpty()) {
            return "mem: Page view unavailable\n";
        }
        return PshMem.pages(data.runs(), Long.numberOfTrailingZeros(pageSize())) + "\n";
    }

    private String pshSummary() {
        if (data == null) {
            return "";
        }
        PageTotals t = data.totals();
        return PshMem.summary(t.usedBytes(), t.freeBytes(), t.bootBytes(), data.entriesTotal(),
                data.entriesTotal() - data.entriesUsed());
    }

    /** The runs the table shows now, for tests and exports. */
    public List<PageRun> shownRuns() {
        return data == null ? List.of() : data.runs();
    }

    public Table table() {
        return runs.getTable();
    }

    @Override
    public void setFocus() {
        runs.getTable().setFocus();
    }
}
