package org.vmscope.ui.views;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnViewer;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.vmscope.core.AddressSpace;
import org.vmscope.core.BuddyList;
import org.vmscope.core.KernelHeap;
import org.vmscope.core.PageTableSpace;
import org.vmscope.core.PageTotals;
import org.vmscope.core.TargetSession;
import org.vmscope.model.map.EntryInfo;
import org.vmscope.model.page.PageRun;
import org.vmscope.model.pmap.AddressSpaceWalk;
import org.vmscope.model.pmap.PageTableWalker;
import org.vmscope.model.pmap.PagingRoot;
import org.vmscope.model.pmap.ReverseMap;
import org.vmscope.model.psh.PshMem;
import org.vmscope.ui.export.Export;
import org.vmscope.ui.internal.PageMarkers;
import org.vmscope.ui.rows.Format;
import org.vmscope.ui.rows.FrameRow;
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

    /**
     * One read: the runs, the allocator's totals and buddy lists, the entry pool (for psh's {@code mem} line), and
     * each address space's reverse map with its entries (to name a frame's mappings and objects).
     */
    record Data(List<PageRun> runs, PageTotals totals, List<BuddyList> buddies, long entriesUsed, long entriesTotal,
            List<SpaceFrames> spaces) {
    }

    /** The physical-to-virtual map of one address space's page tables, and its entries. */
    record SpaceFrames(String label, ReverseMap reverse, List<EntryInfo> entries) {
    }

    private FrameStrip strip;
    private Label buddyLine;
    private Label frameLine;
    private TableViewer runs;
    private Data data;
    private int pointerBytes = 4;

    @Override
    protected Control create(Composite parent) {
        strip = new FrameStrip(parent, pa -> frame(pa).describe(), this::selectFrame);
        GridDataFactory.fillDefaults().grab(true, false).hint(SWT.DEFAULT, 28).applyTo(strip.control());
        frameLine = new Label(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(frameLine);
        frameLine.setText("Click the frame map to see a frame's owner, mappings and object.");
        buddyLine = new Label(parent, SWT.WRAP);
        GridDataFactory.fillDefaults().grab(true, false).hint(400, SWT.DEFAULT).applyTo(buddyLine);

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
        List<PageTableSpace> tables = session.pageTableSpaces();
        monitor.beginTask("Reading the page map and the page tables", tables.size() + 2);
        List<PageRun> runs = session.pageRuns();
        KernelHeap heap = session.kernelHeap();
        monitor.worked(2);
        Map<Long, AddressSpace> byPid = new HashMap<>();
        for (AddressSpace a : session.addressSpaces()) {
            byPid.put(a.pid(), a);
        }
        List<SpaceFrames> spaces = new ArrayList<>();
        PageTableWalker walker = new PageTableWalker(session.physicalMemory());
        for (PageTableSpace t : tables) {
            if (monitor.isCanceled()) {
                throw new OperationCanceledException();
            }
            List<AddressSpaceWalk> walks = new ArrayList<>();
            for (PagingRoot root : t.roots()) {
                walks.add(walker.walk(root));
            }
            AddressSpace a = byPid.get(t.pid());
            spaces.add(new SpaceFrames(Format.pid(t.pid()) + (a == null || t.pid() == AddressSpace.KERNEL ? "" : " " + a.name()),
                    new ReverseMap(walks), a == null ? List.of() : a.entries()));
            monitor.worked(1);
        }
        monitor.done();
        return new Data(runs, session.pageTotals(), session.buddyLists(), heap.entriesUsed(), heap.entriesTotal(),
                spaces);
    }

    /** The frame at {@code pa}: its run, every VA mapping it and the objects of their entries. */
    FrameRow frame(long pa) {
        PageRun run = runAt(pa);
        List<String> mappings = new ArrayList<>();
        Set<String> objects = new LinkedHashSet<>();
        for (SpaceFrames s : data == null ? List.<SpaceFrames>of() : data.spaces()) {
            for (long va : s.reverse().virtualAddresses(pa)) {
                mappings.add(s.label() + " " + Columns.address(va, pointerBytes));
                for (EntryInfo e : s.entries()) {
                    if (Walks.overlaps(e.vaddr(), e.size(), va, 1)) {
                        objects.add(PshMem.objectText(e));
                    }
                }
            }
        }
        return new FrameRow(pa, run == null ? new PageRun(pa, 1, 'x', -1) : run, pageSize(), mappings,
                new ArrayList<>(objects), pointerBytes);
    }

    /** The run holding {@code pa}, by binary search over the runs in address order; null in a hole. */
    private PageRun runAt(long pa) {
        List<PageRun> runs = shownRuns();
        int lo = 0;
        int hi = runs.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            PageRun r = runs.get(mid);
            if (Long.compareUnsigned(pa, r.addr()) < 0) {
                hi = mid - 1;
            } else if (Long.compareUnsigned(pa, r.addr() + r.count() * pageSize()) >= 0) {
                lo = mid + 1;
            } else {
                return r;
            }
        }
        return null;
    }

    /** Picks the frame at {@code pa}, as a click on the frame map does: its run selected, the frame published. */
    public void selectFrame(long pa) {
        FrameRow f = frame(pa);
        frameLine.setText(f.describe());
        if (runAt(pa) != null) {
            pinSelection(f);
        }
    }

    /** The picked frame's line under the frame map, for tests. */
    public String frameText() {
        return frameLine.getText();
    }

    /** The buddy free lists' line, for tests. */
    public String buddyText() {
        return buddyLine.getText();
    }

    @Override
    protected void show(TargetSession session, Data d) {
        data = d;
        pointerBytes = session.pointerBytes();
        PageTotals t = d.totals();
        summary(String.format("%s — %d KiB total, %d KiB used, %d KiB free, %d runs", session.name(),
                t.totalBytes() >> 10, t.usedBytes() >> 10, t.freeBytes() >> 10, d.runs().size()));
        strip.setRuns(d.runs(), t.pageSize());
        StringBuilder b = new StringBuilder("Buddy free lists:");
        for (BuddyList l : d.buddies()) {
            b.append(' ').append(Format.size(l.blockBytes())).append(" ×").append(l.blocks());
        }
        buddyLine.setText(d.buddies().isEmpty() ? "Buddy free lists: none" : b.toString());
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
