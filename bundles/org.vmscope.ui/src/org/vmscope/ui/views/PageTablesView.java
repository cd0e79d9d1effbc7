package org.vmscope.ui.views;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.viewers.ColumnViewer;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.vmscope.core.PageTableSpace;
import org.vmscope.core.TargetSession;
import org.vmscope.model.Sizes;
import org.vmscope.model.pmap.AddressSpaceWalk;
import org.vmscope.model.pmap.MappedRange;
import org.vmscope.model.pmap.PageAttr;
import org.vmscope.model.pmap.PageTableWalker;
import org.vmscope.model.pmap.PagingRoot;
import org.vmscope.model.pmap.Translation;
import org.vmscope.model.pmap.WalkProblem;
import org.vmscope.model.pmap.WalkStep;
import org.vmscope.ui.rows.PhysicalSpan;
import org.vmscope.ui.rows.RangeRow;
import org.vmscope.ui.rows.Row;
import org.vmscope.ui.rows.VirtualSpan;

/**
 * The hardware page tables of one address space as the walker reads them from physical memory: merged
 * ranges with their attributes (filterable), and a Translate box that walks one VA level by level, or
 * lists every VA that maps a PA ({@code pa:ADDR}).
 */
public class PageTablesView extends SessionView<List<PageTableSpace>> {
    public static final String ID = "org.vmscope.ui.views.pageTables";

    private Combo space;
    private Button userOnly;
    private Button writableOnly;
    private Button execOnly;
    private TableViewer ranges;
    private Text query;
    private Text result;
    private TargetSession session;
    private List<PageTableSpace> spaces = List.of();
    private List<MappedRange> walked = List.of();
    private int pointerBytes = 4;

    @Override
    protected Control create(Composite parent) {

        Composite bar = new Composite(parent, SWT.NONE);
        bar.setLayout(new GridLayout(5, false));
        GridDataFactory.fillDefaults().grab(true, false).applyTo(bar);
        space = new Combo(bar, SWT.READ_ONLY);
        GridDataFactory.fillDefaults().hint(220, SWT.DEFAULT).applyTo(space);
        space.addModifyListener(e -> walkSelected());
        userOnly = filter(bar, "user");
        writableOnly = filter(bar, "writable");
        execOnly = filter(bar, "executable");

        ranges = new TableViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.MULTI);
        Table t = ranges.getTable();
        t.setHeaderVisible(true);
        t.setLinesVisible(true);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(t);
        ranges.setContentProvider(ArrayContentProvider.getInstance());
        Class<MappedRange> c = MappedRange.class;
        Columns.add(ranges, c, "Virtual", 330,
                r -> Columns.address(r.va(), pointerBytes) + " - " + Columns.address(r.vaLast(), pointerBytes));
        Columns.add(ranges, c, "Physical", 170, r -> Columns.address(r.pa(), pointerBytes));
        Columns.add(ranges, c, "Size", 90, r -> AddressSpacesView.size(r.size()));
        Columns.add(ranges, c, "Attributes", 110, r -> PageAttr.describe(r.attr()));
        Columns.add(ranges, c, "Cache", 90, r -> String.valueOf(r.cache()));
        Columns.add(ranges, c, "Global", 60, r -> r.global() ? "G" : "");

        Composite tr = new Composite(parent, SWT.NONE);
        tr.setLayout(new GridLayout(3, false));
        GridDataFactory.fillDefaults().grab(true, false).applyTo(tr);
        new Label(tr, SWT.NONE).setText("Translate VA, or pa:ADDR:");
        query = new Text(tr, SWT.BORDER);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(query);
        query.addListener(SWT.DefaultSelection, e -> translate());
        Button go = new Button(tr, SWT.PUSH);
        go.setText("Translate");
        go.addListener(SWT.Selection, e -> translate());
        result = new Text(parent, SWT.BORDER | SWT.MULTI | SWT.READ_ONLY | SWT.V_SCROLL);
        result.setFont(org.eclipse.jface.resource.JFaceResources.getTextFont());
        GridDataFactory.fillDefaults().grab(true, false).hint(SWT.DEFAULT, 110).applyTo(result);
        return parent;
    }

    private Button filter(Composite bar, String text) {
        Button b = new Button(bar, SWT.CHECK);
        b.setText(text);
        b.addListener(SWT.Selection, e -> showRanges());
        return b;
    }

    @Override
    protected ColumnViewer viewer() {
        return ranges;
    }

    @Override
    protected List<PageTableSpace> read(TargetSession s, IProgressMonitor monitor) {
        return s.pageTableSpaces();
    }

    @Override
    protected void show(TargetSession s, List<PageTableSpace> list) {
        session = s;
        pointerBytes = s.pointerBytes();
        spaces = list;
        space.removeAll();
        for (PageTableSpace p : spaces) {
            space.add(p.name());
        }
        if (spaces.isEmpty()) {
            summary(s.name() + " — no hardware page tables (a non-MMU target, or tables kept in software)");
            ranges.setInput(List.of());
            return;
        }
        space.select(0);
        walkSelected();
    }


    @Override
    protected Row row(Object element, Object parent) {
        int i = space.getSelectionIndex();
        return element instanceof MappedRange r && i >= 0 && i < spaces.size()
                ? new RangeRow(spaces.get(i), r, pointerBytes) : null;
    }

    @Override
    protected String[] showInTargets() {
        return new String[] { PhysicalMemoryView.ID, AddressSpacesView.ID };
    }

    /**
     * The PTE ranges of a map entry (or an object's user) in its address space, or the ranges that map a
     * physical span (a page run) in the first address space that maps it.
     */
    @Override
    protected boolean showIn(Row row) {
        if (row instanceof VirtualSpan v) {
            for (int i = 0; i < spaces.size(); i++) {
                if (spaces.get(i).pid() == v.pid()) {
                    clearFilters();
                    space.select(i);
                    walkSelected();
                    return select(walked.stream().filter(r -> Walks.overlaps(r.va(), r.size(), v.va(), v.vaBytes()))
                            .toList());
                }
            }
        } else if (row instanceof PhysicalSpan p) {
            for (int i = 0; i < spaces.size(); i++) {
                List<MappedRange> hit = Walks.ranges(session, spaces.get(i)).stream()
                        .filter(r -> Walks.overlaps(r.pa(), r.size(), p.pa(), p.paBytes())).toList();
                if (!hit.isEmpty()) {
                    clearFilters();
                    space.select(i);
                    walkSelected();
                    return select(hit);
                }
            }
        }
        return false;
    }

    private void clearFilters() {
        userOnly.setSelection(false);
        writableOnly.setSelection(false);
        execOnly.setSelection(false);
    }

    /** Selects an address space by its name as the combo shows it (e.g. {@code kernel}, {@code 2 psh}). */
    public void select(String name) {
        int i = space.indexOf(name);
        if (i >= 0) {
            space.select(i);
            walkSelected();
        }
    }

    private void walkSelected() {
        int i = space.getSelectionIndex();
        if (session == null || i < 0 || i >= spaces.size()) {
            return;
        }
        PageTableWalker walker = new PageTableWalker(session.physicalMemory());
        List<MappedRange> all = new ArrayList<>();
        List<WalkProblem> problems = new ArrayList<>();
        StringBuilder roots = new StringBuilder();
        for (PagingRoot root : spaces.get(i).roots()) {
            AddressSpaceWalk w = walker.walk(root);
            all.addAll(w.ranges());
            problems.addAll(w.problems());
            roots.append(roots.length() == 0 ? "" : ", ").append(root);
        }
        walked = all;
        summary(String.format("%s — %s: %d ranges, %d tables read, %d problems", session.name(), roots,
                all.size(), walker.tablesRead(), problems.size()));
        showRanges();
    }

    private void showRanges() {
        List<MappedRange> shown = new ArrayList<>();
        for (MappedRange r : walked) {
            if (userOnly.getSelection() && (r.attr() & PageAttr.USER) == 0
                    || writableOnly.getSelection() && (r.attr() & PageAttr.WRITE) == 0
                    || execOnly.getSelection() && (r.attr() & PageAttr.EXEC) == 0) {
                continue;
            }
            shown.add(r);
        }
        ranges.setInput(shown);
    }

    /** Runs the Translate box's query and returns what it shows (for tests). */
    public String translate(String text) {
        query.setText(text);
        translate();
        return result.getText();
    }

    private void translate() {
        int i = space.getSelectionIndex();
        if (session == null || i < 0) {
            return;
        }
        String q = query.getText().trim();
        boolean phys = q.toLowerCase(java.util.Locale.ROOT).startsWith("pa:");
        long addr;
        try {
            addr = Sizes.parse(phys ? q.substring(3) : q);
        } catch (IllegalArgumentException e) {
            result.setText(e.getMessage());
            return;
        }
        PageTableWalker walker = new PageTableWalker(session.physicalMemory());
        StringBuilder sb = new StringBuilder();
        for (PagingRoot root : spaces.get(i).roots()) {
            if (phys) {
                List<Long> vas = walker.reverse(root, addr);
                sb.append(String.format("%s: %d virtual address(es) map %s%n", root, vas.size(),
                        Columns.address(addr, pointerBytes)));
                for (Long va : vas) {
                    sb.append("  ").append(Columns.address(va, pointerBytes)).append('\n');
                }
            } else {
                Translation t = walker.translate(root, addr);
                for (WalkStep s : t.steps()) {
                    sb.append(String.format("L%d table %s [%d] entry @%s = 0x%x  %s%n", s.level(),
                            Columns.address(s.tablePa(), pointerBytes), s.index(), Columns.address(s.entryPa(), pointerBytes),
                            s.raw(), s.entry().kind()));
                }
                sb.append(t.mapped()
                        ? String.format("%s -> %s  %s%n", Columns.address(addr, pointerBytes), Columns.address(t.pa(), pointerBytes),
                                PageAttr.describe(t.attr()))
                        : String.format("%s not mapped (fault at level %d)%n", Columns.address(addr, pointerBytes), t.faultLevel()));
                for (WalkProblem p : t.problems()) {
                    sb.append("problem: ").append(p).append('\n');
                }
            }
        }
        result.setText(sb.toString());
    }

    public Table table() {
        return ranges.getTable();
    }

    @Override
    public void setFocus() {
        ranges.getTable().setFocus();
    }
}
