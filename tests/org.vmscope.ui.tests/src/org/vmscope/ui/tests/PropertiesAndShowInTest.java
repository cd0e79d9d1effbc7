package org.vmscope.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TreePath;
import org.eclipse.jface.viewers.TreeSelection;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.ISelectionService;
import org.eclipse.ui.part.IShowInSource;
import org.eclipse.ui.part.IShowInTargetList;
import org.eclipse.ui.part.ShowInContext;
import org.junit.jupiter.api.Test;
import org.vmscope.core.AddressSpace;
import org.vmscope.core.Sessions;
import org.vmscope.core.SimulatedTargetSession;
import org.vmscope.core.SimulatedTargetSpec;
import org.vmscope.model.map.EntryInfo;
import org.vmscope.model.object.VmObject;
import org.vmscope.model.page.PageRun;
import org.vmscope.model.pmap.Pmap;
import org.vmscope.model.psh.PshMem;
import org.vmscope.model.script.Examples;
import org.vmscope.ui.rows.EntryRow;
import org.vmscope.ui.rows.FindingRow;
import org.vmscope.ui.views.AddressSpacesView;
import org.vmscope.ui.views.KernelHeapView;
import org.vmscope.ui.views.MemoryObjectsView;
import org.vmscope.ui.views.PageTablesView;
import org.vmscope.ui.views.PhysicalMemoryView;
import org.vmscope.ui.views.ProblemsView;
import org.vmscope.ui.views.RowsView;

/** Selections feed the Properties view, and Show In links a row to what other views know about it. */
public class PropertiesAndShowInTest {

    private static SimulatedTargetSession demo() throws Exception {
        return SimulatedTargetSession.run("ide-demo.vmsim", Examples.read("ide-demo.vmsim"), SimulatedTargetSpec.DEFAULT);
    }

    /** psh's program text entry in pid 2: the first entry backed by the program file. */
    private static EntryInfo programEntry(SimulatedTargetSession s, VmObject program) {
        for (EntryInfo e : s.processes().mapInfo(s.processes().get(2))) {
            if (e.objectKind() == EntryInfo.OBJECT_OID && e.oidId() == program.id() && e.oidPort() == program.port()) {
                return e;
            }
        }
        throw new AssertionError("psh maps its program file");
    }

    private static AddressSpace space(AddressSpacesView view, long pid) {
        for (TreeItem i : view.treeControl().getItems()) {
            if (i.getData() instanceof AddressSpace a && a.pid() == pid) {
                return a;
            }
        }
        throw new AssertionError("no address space " + pid);
    }

    private static Object currentSelection() {
        ISelectionService s = Workbench.page().getWorkbenchWindow().getSelectionService();
        return ((IStructuredSelection) s.getSelection()).getFirstElement();
    }

    /** What the view's Show In source offers, given to the target like Navigate → Show In does. */
    private static boolean showIn(RowsView source, String targetId) throws Exception {
        IShowInTargetList targets = source.getAdapter(IShowInTargetList.class);
        assertTrue(List.of(targets.getShowInTargetIds()).contains(targetId), targetId + " is offered");
        ShowInContext context = source.getAdapter(IShowInSource.class).getShowInContext();
        RowsView target = Workbench.show(targetId);
        boolean shown = target.show(context);
        Workbench.settle();
        return shown;
    }

    @Test
    public void aSelectedMapEntryShowsItsFieldsAndLeadsToItsObjectFramesAndPtes() throws Exception {
        SimulatedTargetSession session = demo();
        Sessions.get().activate(session);
        VmObject program = session.processes().objects().find("psh");
        assertNotNull(program);
        EntryInfo text = programEntry(session, program);
        String oid = program.port() + "." + program.id();

        AddressSpacesView spaces = Workbench.show(AddressSpacesView.ID);
        AddressSpace psh = space(spaces, 2);
        spaces.getSite().getSelectionProvider().setSelection(new StructuredSelection(new EntryRow(psh, text, 4)));
        Workbench.settle();
        Object selected = currentSelection();
        assertTrue(selected instanceof EntryRow, "the workbench selection is the entry row: " + selected);

        Map<String, String> props = Workbench.properties();
        assertEquals("2 psh", props.get("Address space"), props.toString());
        assertEquals(String.format("0x%08x - 0x%08x", text.vaddr(), text.vaddr() + text.size() - 1),
                props.get("Segment"));
        assertEquals(PshMem.protText(text.prot()), props.get("Prot"));
        assertEquals(PshMem.objectText(text), props.get("Object"));
        Screenshots.save(spaces.getSite().getShell(), "properties-map-entry");

        // → Memory Objects: the program file, with this very entry selected among its users
        spaces = Workbench.show(AddressSpacesView.ID);
        assertTrue(showIn(spaces, MemoryObjectsView.ID));
        MemoryObjectsView objects = (MemoryObjectsView) Workbench.page().findView(MemoryObjectsView.ID);
        TreeItem[] sel = objects.treeControl().getSelection();
        assertEquals(1, sel.length);
        assertEquals(oid, sel[0].getParentItem().getText(0));
        assertEquals("2 psh", sel[0].getText(0));
        assertEquals(String.format("0x%08x - 0x%08x", text.vaddr(), text.vaddr() + text.size() - 1), sel[0].getText(1));

        // → Physical Memory: the runs holding the frames the kernel's own pmap_resolve gives for the entry's pages
        spaces = Workbench.show(AddressSpacesView.ID);
        assertTrue(showIn(spaces, PhysicalMemoryView.ID), "the text was faulted in, so it has frames");
        PhysicalMemoryView phys = (PhysicalMemoryView) Workbench.page().findView(PhysicalMemoryView.ID);
        Pmap pmap = session.processes().get(2).map().pmap();
        Set<PageRun> expected = new HashSet<>();
        for (long va = text.vaddr(); va < text.vaddr() + text.size(); va += 4096) {
            long pa = pmap.resolve(va);
            for (PageRun r : phys.shownRuns()) {
                if (pa != 0 && pa >= r.addr() && pa < r.addr() + r.count() * 4096) {
                    expected.add(r);
                }
            }
        }
        assertFalse(expected.isEmpty(), "pmap_resolve finds frames of the program text");
        Set<PageRun> shown = new HashSet<>();
        for (TableItem i : phys.table().getSelection()) {
            shown.add((PageRun) i.getData());
        }
        assertEquals(expected, shown);
        Screenshots.save(phys.getSite().getShell(), "show-in-physical-memory");

        // → Page Tables: psh's tables, the selected ranges covering the entry's mapped pages
        spaces = Workbench.show(AddressSpacesView.ID);
        assertTrue(showIn(spaces, PageTablesView.ID));
        PageTablesView ptes = (PageTablesView) Workbench.page().findView(PageTablesView.ID);
        assertTrue(ptes.table().getSelectionCount() > 0);
        for (TableItem i : ptes.table().getSelection()) {
            String[] va = i.getText(0).split(" - ");
            long first = Long.decode(va[0]);
            long last = Long.decode(va[1]);
            assertTrue(first <= text.vaddr() + text.size() - 1 && last >= text.vaddr(), i.getText(0));
            assertEquals(pmap.resolve(Math.max(first, text.vaddr())) & ~0xfffL,
                    Long.decode(i.getText(1)) + (Math.max(first, text.vaddr()) - first), "the PTE's frame");
        }
        Map<String, String> range = Workbench.properties();
        assertTrue(range.get("Attributes") != null && range.get("Virtual") != null, range.toString());
    }

    @Test
    public void aProblemLeadsToTheObjectAtFault() throws Exception {
        SimulatedTargetSession session = demo();
        VmObject program = session.processes().objects().find("psh");
        VmObject.put(program, session.kernel().pages());
        String oid = program.port() + "." + program.id();
        Sessions.get().activate(session);

        ProblemsView problems = Workbench.show(ProblemsView.ID);
        Table t = problems.table();
        int row = -1;
        for (int i = 0; i < t.getItemCount(); i++) {
            if (t.getItem(i).getText(1).equals("OBJECT_REFS_MISMATCH")) {
                row = i;
            }
        }
        assertTrue(row >= 0, "the lost reference is found");
        problems.getSite().getSelectionProvider().setSelection(new StructuredSelection(t.getItem(row).getData()));
        Workbench.settle();
        assertTrue(currentSelection() instanceof FindingRow f && oid.equals(f.objectId()), "the problem names " + oid);
        Map<String, String> props = Workbench.properties();
        assertEquals("OBJECT_REFS_MISMATCH", props.get("Code"));
        assertTrue(props.get("Object").contains(oid), props.toString());

        problems = Workbench.show(ProblemsView.ID);
        assertTrue(showIn(problems, MemoryObjectsView.ID));
        MemoryObjectsView objects = (MemoryObjectsView) Workbench.page().findView(MemoryObjectsView.ID);
        TreeItem[] sel = objects.treeControl().getSelection();
        assertEquals(1, sel.length);
        assertEquals(oid, sel[0].getText(0));
        assertEquals(Integer.toString(program.refs()), sel[0].getText(4), "the object's lowered refs");
        Screenshots.save(objects.getSite().getShell(), "show-in-object-at-fault");
    }

    @Test
    public void pageRunsKmallocClassesAndObjectsShowTheirFields() throws Exception {
        SimulatedTargetSession session = demo();
        Sessions.get().activate(session);

        PhysicalMemoryView phys = Workbench.show(PhysicalMemoryView.ID);
        PageRun first = phys.shownRuns().get(0);
        phys.getSite().getSelectionProvider().setSelection(new StructuredSelection(first));
        Workbench.settle();
        Map<String, String> props = Workbench.properties();
        assertEquals(Long.toString(first.count()), props.get("Pages"), props.toString());
        assertEquals(Character.toString(first.marker()), props.get("Marker"));
        assertEquals(org.vmscope.model.page.PageFlags.markerOwner(first.marker()), props.get("Owner"));

        KernelHeapView heap = Workbench.show(KernelHeapView.ID);
        Object cls = heap.table().getItem(0).getData();
        heap.getSite().getSelectionProvider().setSelection(new StructuredSelection(cls));
        Workbench.settle();
        props = Workbench.properties();
        assertEquals(heap.table().getItem(0).getText(0), props.get("Class"), props.toString());
        assertEquals(heap.table().getItem(0).getText(4), props.get("Total blocks"));

        MemoryObjectsView objects = Workbench.show(MemoryObjectsView.ID);
        TreeItem obj = objects.treeControl().getItem(0);
        objects.getSite().getSelectionProvider().setSelection(new TreeSelection(new TreePath(new Object[] { obj.getData() })));
        Workbench.settle();
        props = Workbench.properties();
        assertEquals(obj.getText(0), props.get("Object"), props.toString());
        assertEquals(obj.getText(4), props.get("Refs"));
        List<String> keys = new ArrayList<>(props.keySet());
        assertTrue(keys.contains("Cached pages"), keys.toString());
        Screenshots.save(objects.getSite().getShell(), "properties-memory-object");
    }
}
