package org.vmscope.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.vmscope.core.Sessions;
import org.vmscope.core.SimulatedTargetSession;
import org.vmscope.core.SimulatedTargetSpec;
import org.vmscope.model.object.VmObject;
import org.vmscope.model.script.Examples;
import org.vmscope.ui.views.ProblemsView;

/** The Problems view runs the consistency checks over a simulated target, healthy and corrupted. */
public class ProblemsViewTest {

    private static SimulatedTargetSession demo() throws Exception {
        return SimulatedTargetSession.run("ide-demo.vmsim", Examples.read("ide-demo.vmsim"), SimulatedTargetSpec.DEFAULT);
    }

    private static ProblemsView show(SimulatedTargetSession session) throws Exception {
        Sessions.get().activate(session);
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        ProblemsView view = (ProblemsView) page.showView(ProblemsView.ID);
        Screenshots.settle(view.getSite().getShell().getDisplay());
        return view;
    }

    @Test
    public void theDemoSystemBreaksNoInvariant() throws Exception {
        ProblemsView view = show(demo());

        Table table = view.table();
        for (TableItem row : table.getItems()) {
            // warnings (documented kernel behaviour such as dangling amap slots) are allowed, errors are not
            assertNotEquals("ERROR", row.getText(0), "no error in a healthy system: " + row.getText(1) + " "
                    + row.getText(2) + ": " + row.getText(3));
        }
        assertTrue(view.summaryText().contains("no problems found") || view.summaryText().contains(" 0 errors"),
                view.summaryText());
        Screenshots.save(view.getSite().getShell(), "problems-ide-demo");
    }

    @Test
    public void aLostObjectReferenceIsAnErrorNamingTheObject() throws Exception {
        SimulatedTargetSession session = demo();
        // psh's program file: its text and data entries in psh and in the forked worker each hold a reference
        VmObject program = session.processes().objects().find("psh");
        assertNotNull(program, "psh's program file object is live");
        int before = program.refs();
        // a vm_objectPut nobody's entry gave up: refs drop below the entries using the object (not to 0, so
        // the cache stays)
        VmObject.put(program, session.kernel().pages());
        assertEquals(before - 1, program.refs());
        String oid = program.port() + "." + program.id();

        ProblemsView view = show(session);

        Table table = view.table();
        assertTrue(table.getItemCount() > 0, "the corruption is found");
        assertEquals("ERROR", table.getItem(0).getText(0), "errors come first");
        List<String> hits = new ArrayList<>();
        boolean warningSeen = false;
        for (TableItem row : table.getItems()) {
            if (row.getText(0).equals("WARNING")) {
                warningSeen = true;
            } else {
                assertTrue(!warningSeen, "no error after a warning: " + row.getText(1));
            }
            if (row.getText(1).equals("OBJECT_REFS_MISMATCH") && row.getText(0).equals("ERROR")) {
                hits.add(row.getText(2) + ": " + row.getText(3));
            }
        }
        assertEquals(1, hits.size(), "one object lost a reference: " + hits);
        assertTrue(hits.get(0).startsWith("object file " + oid + ":"), hits.get(0));
        assertTrue(hits.get(0).contains("refs " + (before - 1) + ","), hits.get(0));
        assertTrue(view.summaryText().contains("1 error,"), view.summaryText());
        Screenshots.save(view.getSite().getShell(), "problems-lost-object-reference");
    }
}
