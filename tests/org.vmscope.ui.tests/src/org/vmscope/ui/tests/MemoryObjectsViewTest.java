package org.vmscope.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.vmscope.core.Sessions;
import org.vmscope.core.SimulatedTargetSession;
import org.vmscope.core.SimulatedTargetSpec;
import org.vmscope.model.map.EntryInfo;
import org.vmscope.model.object.VmObject;
import org.vmscope.model.proc.Processes;
import org.vmscope.model.psh.PshMem;
import org.vmscope.model.script.Examples;
import org.vmscope.ui.views.MemoryObjectsView;

/** The Memory Objects view shows the program file psh and its forked child share copy-on-write. */
public class MemoryObjectsViewTest {

    @Test
    public void theProgramFileIsSharedByPshAndItsForkedChild() throws Exception {
        SimulatedTargetSession session = SimulatedTargetSession.run("ide-demo.vmsim", Examples.read("ide-demo.vmsim"),
                SimulatedTargetSpec.DEFAULT);
        Sessions.get().activate(session);
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        MemoryObjectsView view = (MemoryObjectsView) page.showView(MemoryObjectsView.ID);
        Screenshots.settle(view.getSite().getShell().getDisplay());

        VmObject program = session.processes().objects().find("psh");
        assertNotNull(program);
        String oid = program.port() + "." + program.id();
        Tree tree = view.treeControl();
        TreeItem row = null;
        for (TreeItem item : tree.getItems()) {
            if (item.getText(0).equals(oid)) {
                assertTrue(row == null, "one row per object: " + oid);
                row = item;
            }
        }
        assertNotNull(row, "the program file " + oid + " is listed");
        assertEquals("file", row.getText(7));
        assertEquals(Integer.toString(program.refs()), row.getText(4));
        assertEquals("pid 2, pid 3", row.getText(6), "used by psh and the forked worker only");

        // the oracle: psh's OBJECT column in mem -m of pids 2 and 3 names this oid on exactly these entries
        List<String> expected = new ArrayList<>();
        Processes ps = session.processes();
        for (int pid = 2; pid <= 3; pid++) {
            for (EntryInfo e : ps.mapInfo(ps.get(pid))) {
                if (e.objectKind() == EntryInfo.OBJECT_OID && PshMem.objectText(e).split("/")[0].equals(oid)) {
                    expected.add(String.format("%d psh 0x%08x - 0x%08x %s", pid, e.vaddr(), e.vaddr() + e.size() - 1,
                            PshMem.protText(e.prot())));
                }
            }
        }
        List<String> shown = new ArrayList<>();
        for (TreeItem user : row.getItems()) {
            shown.add(user.getText(0) + " " + user.getText(1) + " " + user.getText(2));
        }
        assertTrue(expected.size() >= 2, "text and data of both processes: " + expected);
        assertEquals(expected, shown);
        // the object's own page cache, counted slot by slot
        long cached = 0;
        for (long offs = 0; offs < program.size(); offs += 4096) {
            cached += program.cached(offs) != null ? 1 : 0;
        }
        assertEquals(Long.toString(cached), row.getText(5));

        Screenshots.save(view.getSite().getShell(), "memory-objects-ide-demo");
    }
}
