package org.vmscope.ui.views;

import java.util.List;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Tree;
import org.vmscope.core.AddressSpace;
import org.vmscope.core.TargetSession;
import org.vmscope.model.map.EntryInfo;
import org.vmscope.model.psh.PshMem;

/**
 * Address spaces → map entries, with the columns of psh's {@code mem -m}, and a map bar of the selected
 * address space in which long gaps are compressed.
 */
public class AddressSpacesView extends SessionView {
    public static final String ID = "org.vmscope.ui.views.addressSpaces";

    private MapBar bar;
    private TreeViewer tree;
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
            Object first = ((IStructuredSelection) e.getSelection()).getFirstElement();
            if (first instanceof AddressSpace a) {
                bar.show(a);
            }
        });
        getSite().setSelectionProvider(tree);
        return parent;
    }

    private String segment(Object o) {
        if (o instanceof AddressSpace a) {
            return a.pid() == AddressSpace.KERNEL ? "kernel" : a.pid() + " " + a.name();
        }
        EntryInfo e = (EntryInfo) o;
        return Columns.address(e.vaddr(), pointerBytes) + " - " + Columns.address(e.vaddr() + e.size() - 1, pointerBytes);
    }

    static String size(long bytes) {
        if (bytes >= 1L << 20 && bytes % (1L << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        return bytes >= 1024 && bytes % 1024 == 0 ? (bytes >> 10) + " KiB" : bytes + " B";
    }

    @Override
    protected void render(TargetSession session) {
        pointerBytes = session.pointerBytes();
        List<AddressSpace> spaces = session.addressSpaces();
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


    /** The tree's rows, for tests and exports. */
    public Tree treeControl() {
        return tree.getTree();
    }

    @Override
    public void setFocus() {
        tree.getTree().setFocus();
    }
}
