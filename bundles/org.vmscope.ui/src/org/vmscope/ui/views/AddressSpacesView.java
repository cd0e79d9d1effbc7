package org.vmscope.ui.views;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.viewers.ColumnViewer;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.ITreeSelection;
import org.eclipse.jface.viewers.TreePath;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Tree;
import org.vmscope.core.AddressSpace;
import org.vmscope.core.PageTableSpace;
import org.vmscope.core.TargetSession;
import org.vmscope.model.map.EntryInfo;
import org.vmscope.model.pmap.MappedRange;
import org.vmscope.model.psh.PshMem;
import org.vmscope.ui.export.Export;
import org.vmscope.ui.rows.EntryRow;
import org.vmscope.ui.rows.Format;
import org.vmscope.ui.rows.PhysicalSpan;
import org.vmscope.ui.rows.Row;
import org.vmscope.ui.rows.SpaceRow;
import org.vmscope.ui.rows.VirtualSpan;

/**
 * Address spaces → map entries, with the columns of psh's {@code mem -m}, and a map bar of the selected
 * address space in which long gaps are compressed.
 */
public class AddressSpacesView extends SessionView<List<AddressSpace>> {
    public static final String ID = "org.vmscope.ui.views.addressSpaces";

    private MapBar bar;
    private TreeViewer tree;
    private List<AddressSpace> spaces = List.of();
    private int pointerBytes = 4;

    @Override
    protected Control create(Composite parent) {
        bar = new MapBar(parent);
        GridDataFactory.fillDefaults().grab(true, false).hint(SWT.DEFAULT, 28).applyTo(bar.control());
        tree = new TreeViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.MULTI);
        Tree t = tree.getTree();
        t.setHeaderVisible(true);
        t.setLinesVisible(true);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(t);
        tree.setContentProvider(new TwoLevelContent<>(AddressSpace.class, AddressSpace::entries));
        Columns.add(tree, Object.class, "Segment", 360, this::segment);
        Columns.add(tree, EntryInfo.class, "Size", 90, e -> size(e.size()));
        Columns.add(tree, EntryInfo.class, "Prot", 50, e -> PshMem.protText(e.prot()));
        Columns.add(tree, EntryInfo.class, "Flags", 50, e -> PshMem.flagsText(e.flags()));
        Columns.add(tree, EntryInfo.class, "Offset", 90, e -> e.offs() == -1 ? "" : Long.toHexString(e.offs()));
        Columns.add(tree, EntryInfo.class, "Object", 160, PshMem::objectText);
        Columns.add(tree, AddressSpace.class, "Entries", 70, a -> Integer.toString(a.entries().size()));
        tree.addSelectionChangedListener(e -> {
            AddressSpace a = selectedSpace(e.getStructuredSelection());
            if (a != null) {
                bar.show(a);
            }
        });
        return parent;
    }

    @Override
    protected ColumnViewer viewer() {
        return tree;
    }

    private String segment(Object o) {
        if (o instanceof AddressSpace a) {
            return a.pid() == AddressSpace.KERNEL ? "kernel" : a.pid() + " " + a.name();
        }
        EntryInfo e = (EntryInfo) o;
        return Columns.address(e.vaddr(), pointerBytes) + " - " + Columns.address(e.vaddr() + e.size() - 1, pointerBytes);
    }

    static String size(long bytes) {
        return Format.size(bytes);
    }

    @Override
    protected List<AddressSpace> read(TargetSession session, IProgressMonitor monitor) {
        return session.addressSpaces();
    }

    @Override
    protected void show(TargetSession session, List<AddressSpace> list) {
        pointerBytes = session.pointerBytes();
        spaces = list;
        int entries = 0;
        for (AddressSpace a : spaces) {
            entries += a.entries().size();
        }
        summary(String.format("%s — %d address spaces, %d entries", session.name(), spaces.size(), entries));
        tree.setInput(spaces);
        tree.expandToLevel(2);
        if (!spaces.isEmpty()) {
            bar.show(spaces.get(0));
        }
    }

    @Override
    protected Row row(Object element, Object parent) {
        if (element instanceof AddressSpace a) {
            return new SpaceRow(a, pointerBytes);
        }
        return element instanceof EntryInfo e && parent instanceof AddressSpace a ? new EntryRow(a, e, pointerBytes) : null;
    }

    /** The selected address space, or the space of the selected entry; null for none. */
    private static AddressSpace selectedSpace(IStructuredSelection sel) {
        if (sel instanceof ITreeSelection t && t.getPaths().length > 0) {
            Object first = t.getPaths()[0].getFirstSegment();
            return first instanceof AddressSpace a ? a : null;
        }
        return sel.getFirstElement() instanceof AddressSpace a ? a : null;
    }

    @Override
    protected String[] showInTargets() {
        return new String[] { PhysicalMemoryView.ID, PageTablesView.ID, MemoryObjectsView.ID };
    }

    /**
     * The entries covering a span of virtual addresses (an object's user, a page-table range), or the entries
     * whose pages are the frames of a physical span (a page run: the reverse map).
     */
    @Override
    protected boolean showIn(Row row) {
        List<TreePath> hit = new ArrayList<>();
        if (row instanceof VirtualSpan v) {
            for (AddressSpace a : spaces) {
                if (a.pid() == v.pid()) {
                    addOverlapping(a, v.va(), v.vaBytes(), hit);
                }
            }
        } else if (row instanceof PhysicalSpan p && shownSession() != null) {
            for (PageTableSpace pts : shownSession().pageTableSpaces()) {
                AddressSpace a = space(pts.pid());
                for (MappedRange r : a == null ? List.<MappedRange>of() : Walks.ranges(shownSession(), pts)) {
                    if (Walks.overlaps(r.pa(), r.size(), p.pa(), p.paBytes())) {
                        long from = Long.compareUnsigned(r.pa(), p.pa()) >= 0 ? r.pa() : p.pa();
                        long last = Math.min(r.pa() + r.size() - 1 - from, p.pa() + p.paBytes() - 1 - from);
                        addOverlapping(a, r.va() + (from - r.pa()), last + 1, hit);
                    }
                }
            }
        }
        return select(hit.stream().distinct().toList());
    }

    private AddressSpace space(long pid) {
        for (AddressSpace a : spaces) {
            if (a.pid() == pid) {
                return a;
            }
        }
        return null;
    }

    private static void addOverlapping(AddressSpace a, long va, long bytes, List<TreePath> out) {
        for (EntryInfo e : a.entries()) {
            if (Walks.overlaps(e.vaddr(), e.size(), va, bytes)) {
                out.add(new TreePath(new Object[] { a, e }));
            }
        }
    }

    /**
     * psh's {@code mem -m} of the selected address space (or of the selected entry's), the kernel map when
     * nothing is selected: the text {@code mem -m PID} prints for the shown state.
     */
    @Override
    protected List<Export> pshExports() {
        return List.of(new Export("psh mem -m", "txt", () -> {
            AddressSpace a = selectedSpace(tree.getStructuredSelection());
            if (a == null && !spaces.isEmpty()) {
                a = spaces.get(0);
            }
            return a == null ? "" : PshMem.map(a.entries(), pointerBytes);
        }));
    }

    /** The tree's rows, for tests and exports. */
    public Tree treeControl() {
        return tree.getTree();
    }

    @Override
    public void setFocus() {
        tree.getTree().setFocus();
    }
}
