package org.vmscope.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.List;

import org.eclipse.swt.widgets.Table;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.vmscope.model.page.PageRun;
import org.vmscope.core.Sessions;
import org.vmscope.core.SimulatedTargetSession;
import org.vmscope.core.SimulatedTargetSpec;
import org.vmscope.model.Arch;
import org.vmscope.model.kernel.Machine;
import org.vmscope.model.kernel.SimKernel;
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
        // an independent boot of the same machine: the view must show exactly its page runs
        List<PageRun> expected = SimKernel.boot(Machine.standard(Arch.IA32, 16L << 20)).pages().runs();
        assertEquals(expected.size(), table.getItemCount(), "one row per run");
        long pages = 0;
        for (int i = 0; i < table.getItemCount(); i++) {
            PageRun run = expected.get(i);
            pages += run.count();
            assertEquals(String.format("0x%08x", run.addr()), table.getItem(i).getText(0));
            assertEquals(Long.toString(run.count()), table.getItem(i).getText(2));
            assertEquals(Character.toString(run.marker()), table.getItem(i).getText(3));
        }
        // the frames of 16 MiB of RAM, less the ones psh prints as holes ('x'), are all in some run
        assertTrue(pages > 3900 && pages <= 4096, "pages in runs: " + pages);
        assertTrue(table.getItem(0).getText(4).length() > 0, "the marker legend names the state");

        File shot = Screenshots.save(view.getSite().getShell(), "physical-memory-ia32-16M");
        assertTrue(shot.length() > 1000, "screenshot written: " + shot);
    }
}
