package org.vmscope.ui.views;

import java.util.List;
import java.util.stream.Collectors;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.viewers.ColumnViewer;
import org.eclipse.jface.viewers.TreePath;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Tree;
import org.vmscope.core.AddressSpace;
import org.vmscope.core.MemoryObjectInfo;
import org.vmscope.core.TargetSession;
import org.vmscope.model.psh.PshMem;
import org.vmscope.ui.rows.EntryRow;
import org.vmscope.ui.rows.FindingRow;
import org.vmscope.ui.rows.ObjectRow;
import org.vmscope.ui.rows.ObjectUserRow;
import org.vmscope.ui.rows.Row;

/**
 * Memory objects → the map entries using them. An object listed under several pids is shared between
 * processes: after fork, parent and child map the same program file copy-on-write.
 */
public class MemoryObjectsView extends SessionView<List<MemoryObjectInfo>> {
    public static final String ID = "org.vmscope.ui.views.memoryObjects";

    private TreeViewer tree;
    private List<MemoryObjectInfo> objects = List.of();
    private int pointerBytes = 4;

    @Override
    protected Control create(Composite parent) {
        tree = new TreeViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.MULTI);
        Tree t = tree.getTree();
        t.setHeaderVisible(true);
        t.setLinesVisible(true);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(t);
        tree.setContentProvider(new TwoLevelContent<>(MemoryObjectInfo.class, MemoryObjectInfo::users));
        Class<MemoryObjectInfo> o = MemoryObjectInfo.class;
        Class<MemoryObjectInfo.User> u = MemoryObjectInfo.User.class;
        // the users' range and prot come first: a narrow view still shows who maps what
        Columns.add(tree, Object.class, "Object", 110, MemoryObjectsView::first);
        Columns.add(tree, u, "Range", 190, e -> Columns.address(e.vaddr(), pointerBytes) + " - "
                + Columns.address(e.vaddr() + e.size() - 1, pointerBytes));
        Columns.add(tree, u, "Prot", 45, e -> PshMem.protText(e.prot()));
        Columns.add(tree, Object.class, "Size", 75, MemoryObjectsView::size);
        Columns.add(tree, o, "Refs", 45, m -> Long.toString(m.refs()));
        Columns.add(tree, o, "Cached pages", 95, m -> Long.toString(m.cachedPages()));
        Columns.add(tree, o, "Used by", 110, MemoryObjectsView::usedBy);
        Columns.add(tree, o, "Kind", 70, MemoryObjectInfo::kind);
        Columns.add(tree, u, "Flags", 50, e -> PshMem.flagsText(e.flags()));
        Columns.add(tree, u, "Offset", 70, e -> Long.toHexString(e.offs()));
        return parent;
    }

    @Override
    protected ColumnViewer viewer() {
        return tree;
    }

    private static String first(Object row) {
        if (row instanceof MemoryObjectInfo m) {
            return m.oid();
        }
        MemoryObjectInfo.User e = (MemoryObjectInfo.User) row;
        return e.pid() == AddressSpace.KERNEL ? "kernel" : e.pid() + " " + e.process();
    }

    private static String size(Object row) {
        return AddressSpacesView.size(row instanceof MemoryObjectInfo m ? m.size() : ((MemoryObjectInfo.User) row).size());
    }

    private static String usedBy(MemoryObjectInfo m) {
        return m.pids().stream().map(p -> p == AddressSpace.KERNEL ? "kernel" : "pid " + p)
                .collect(Collectors.joining(", "));
    }

    @Override
    protected List<MemoryObjectInfo> read(TargetSession session, IProgressMonitor monitor) {
        return session.memoryObjects();
    }

    @Override
    protected void show(TargetSession session, List<MemoryObjectInfo> list) {
        pointerBytes = session.pointerBytes();
        objects = list;
        long shared = objects.stream().filter(m -> m.pids().stream().filter(p -> p != AddressSpace.KERNEL).count() > 1)
                .count();
        summary(String.format("%s — %d memory objects, %d shared between processes", session.name(),
                objects.size(), shared));
        tree.setInput(objects);
        tree.expandAll();
    }

    @Override
    protected Row row(Object element, Object parent) {
        if (element instanceof MemoryObjectInfo m) {
            return new ObjectRow(m);
        }
        return element instanceof MemoryObjectInfo.User u && parent instanceof MemoryObjectInfo m
                ? new ObjectUserRow(m, u, pointerBytes) : null;
    }

    @Override
    protected String[] showInTargets() {
        return new String[] { AddressSpacesView.ID, PhysicalMemoryView.ID, PageTablesView.ID };
    }

    /** A map entry's object (and the entry among its users), or the object a problem names. */
    @Override
    protected boolean showIn(Row row) {
        String oid = row instanceof EntryRow e ? e.objectId() : row instanceof FindingRow f ? f.objectId() : null;
        for (MemoryObjectInfo m : oid == null ? List.<MemoryObjectInfo>of() : objects) {
            if (!m.oid().equals(oid)) {
                continue;
            }
            if (row instanceof EntryRow e) {
                for (MemoryObjectInfo.User u : m.users()) {
                    if (u.pid() == e.pid() && u.vaddr() == e.va()) {
                        return select(List.of(new TreePath(new Object[] { m, u })));
                    }
                }
            }
            return select(List.of(new TreePath(new Object[] { m })));
        }
        return false;
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
