package org.vmscope.ui.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.eclipse.swt.widgets.Table;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.vmscope.core.Sessions;
import org.vmscope.core.SimulatedTargetSession;
import org.vmscope.core.SimulatedTargetSpec;
import org.vmscope.model.map.EntryInfo;
import org.vmscope.model.pmap.MappedRange;
import org.vmscope.model.pmap.PageAttr;
import org.vmscope.model.proc.Process;
import org.vmscope.model.script.Examples;
import org.vmscope.ui.views.PageTablesView;

/**
 * The Page Tables view walks a simulated process's real ia32 tables; the map entries are the oracle. */
public class PageTablesViewTest {

    @Test
    public void userRangesLieInTheProcessEntriesAndTranslateBothWays() throws Exception {
        SimulatedTargetSession session = SimulatedTargetSession.run("ide-demo.vmsim", Examples.read("ide-demo.vmsim"),
                SimulatedTargetSpec.DEFAULT);
        Sessions.get().activate(session);
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        PageTablesView view = (PageTablesView) page.showView(PageTablesView.ID);
        Screenshots.settle(view.getSite().getShell().getDisplay());
        view.select("2 psh");

        Process psh = session.processes().get(2);
        List<EntryInfo> entries = session.processes().mapInfo(psh);
        Table table = view.table();
        int user = 0;
        for (int i = 0; i < table.getItemCount(); i++) {
            MappedRange r = (MappedRange) table.getItem(i).getData();
            if ((r.attr() & PageAttr.USER) == 0) {
                continue;
            }
            user++;
            // merged ranges may span adjacent entries (data and bss): every page must lie in some entry
            for (long va = r.va(); Long.compareUnsigned(va, r.vaLast()) <= 0; va += 0x1000) {
                long v = va;
                assertTrue(entries.stream().anyMatch(e -> v >= e.vaddr() && v <= e.vaddr() + e.size() - 1),
                        String.format("page 0x%x of user range %s lies in a map entry of psh", v, r));
            }
        }
        assertTrue(user > 0, "psh has user mappings");

        // the first page of psh's first entry: the pmap's own resolve is the other opinion
        long va = entries.get(0).vaddr();
        long pa = psh.map().pmap().resolve(va) & ~0xfffL;
        String forward = view.translate(String.format("0x%x", va));
        assertTrue(forward.contains(String.format("-> 0x%08x", pa)), forward);
        String back = view.translate(String.format("pa:0x%x", pa));
        assertTrue(back.contains(String.format("0x%08x", va)), back);
        Screenshots.save(view.getSite().getShell(), "page-tables-ide-demo");
    }
}
