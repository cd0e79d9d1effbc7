package org.vmscope.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;

import org.eclipse.swt.widgets.Table;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.vmscope.core.PageRun;
import org.vmscope.core.Sessions;
import org.vmscope.core.SimulatedTargetSession;
import org.vmscope.core.SimulatedTargetSpec;
import org.vmscope.model.Arch;
import org.vmscope.ui.views.PhysicalMemoryView;

/** Opens the Physical Memory view in a real workbench on a freshly booted simulated target. */
public class PhysicalMemoryViewTest {

    @Test
    public void showsThePageMapOfABootedTarget() throws Exception {
        SimulatedTargetSession session = SimulatedTargetSession.boot(new SimulatedTargetSpec(Arch.IA32, 16L << 20));
        Sessions.get().activate(session);

        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        PhysicalMemoryView view = (PhysicalMemoryView) page.showView(PhysicalMemoryView.ID);
        Screenshots.settle(view.getSite().getShell().getDisplay());

        Table table = view.table();
        assertEquals(session.pageRuns().size(), table.getItemCount(), "one row per run");
        long pages = 0;
        for (int i = 0; i < table.getItemCount(); i++) {
            PageRun run = (PageRun) table.getItem(i).getData();
            pages += run.pages();
            assertEquals(Long.toString(run.pages()), table.getItem(i).getText(2));
            assertEquals(Character.toString(run.marker()), table.getItem(i).getText(3));
        }
        // 16 MiB of 4 KiB frames: every frame is in exactly one run, holes included
        assertEquals(4096, pages);

        File shot = Screenshots.save(view.getSite().getShell(), "physical-memory-ia32-16M");
        assertTrue(shot.length() > 1000, "screenshot written: " + shot);
    }
}
