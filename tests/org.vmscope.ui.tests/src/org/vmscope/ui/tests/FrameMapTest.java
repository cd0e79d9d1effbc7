package org.vmscope.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.swt.widgets.TableItem;
import org.junit.jupiter.api.Test;
import org.vmscope.core.BuddyList;
import org.vmscope.core.Sessions;
import org.vmscope.core.SimulatedTargetSession;
import org.vmscope.core.SimulatedTargetSpec;
import org.vmscope.model.Arch;
import org.vmscope.model.map.EntryInfo;
import org.vmscope.model.object.VmObject;
import org.vmscope.model.page.PageRun;
import org.vmscope.model.pmap.Pmap;
import org.vmscope.model.proc.Process;
import org.vmscope.model.script.Examples;
import org.vmscope.ui.views.PhysicalMemoryView;

/** A frame picked in Physical Memory names its owner, mappings and object; the buddy lists; a 4 GiB target. */
public class FrameMapTest {

    @Test
    public void aPickedFrameNamesEveryProcessMappingItAndItsObject() throws Exception {
        SimulatedTargetSession session = SimulatedTargetSession.run("ide-demo.vmsim", Examples.read("ide-demo.vmsim"),
                SimulatedTargetSpec.DEFAULT);
        Sessions.get().activate(session);
        VmObject program = session.processes().objects().find("psh");
        Process psh = session.processes().get(2);
        long text = -1;
        for (EntryInfo e : session.processes().mapInfo(psh)) {
            if (e.objectKind() == EntryInfo.OBJECT_OID && e.oidId() == program.id()) {
                text = e.vaddr();
                break;
            }
        }
        long pa = psh.map().pmap().resolve(text);
        assertTrue(pa != 0, "psh's first text page is faulted in");

        // the oracle: every user page of every process whose pmap_resolve gives this frame
        List<String> expected = new ArrayList<>();
        for (int pid = 1; pid <= 3; pid++) {
            Process p = session.processes().get(pid);
            Pmap pmap = p.map().pmap();
            for (EntryInfo e : session.processes().mapInfo(p)) {
                for (long va = e.vaddr(); va < e.vaddr() + e.size(); va += 4096) {
                    if (pmap.resolve(va) == pa) {
                        expected.add(String.format("pid %d %s 0x%08x", pid, p.name(), va));
                    }
                }
            }
        }
        assertTrue(expected.contains(String.format("pid 2 psh 0x%08x", text)), expected.toString());

        PhysicalMemoryView view = Workbench.show(PhysicalMemoryView.ID);
        view.selectFrame(pa);
        Workbench.settle();
        Map<String, String> props = Workbench.properties();
        List<String> user = new ArrayList<>();
        for (String m : props.get("Mapped at").split(", ")) {
            if (m.startsWith("pid ")) {
                user.add(m);
            }
        }
        assertEquals(expected, user, props.toString());
        assertEquals(program.port() + "." + program.id(), props.get("Objects").split(", ")[0], props.toString());
        assertEquals("app", props.get("Owner"));
        TableItem[] sel = view.table().getSelection();
        assertEquals(1, sel.length, "the frame's run is selected");
        PageRun run = (PageRun) sel[0].getData();
        assertTrue(pa >= run.addr() && pa < run.addr() + run.count() * 4096);
        assertTrue(view.frameText().contains("mapped at pid 2 psh"), view.frameText());
        Screenshots.save(view.getSite().getShell(), "physical-memory-frame");
    }

    @Test
    public void aFourGibTargetShowsRunsAndItsBuddyListsHoldTheFreeBytes() throws Exception {
        SimulatedTargetSession session = SimulatedTargetSession.boot(new SimulatedTargetSpec(Arch.RISCV64, 4L << 30));
        Sessions.get().activate(session);
        PhysicalMemoryView view = Workbench.show(PhysicalMemoryView.ID);

        List<PageRun> runs = session.kernel().pages().runs();
        long pages = runs.stream().mapToLong(PageRun::count).sum();
        assertTrue(pages > 1_000_000, "a million pages: " + pages);
        assertEquals(runs.size(), view.table().getItemCount(), "one row per run, not per page");
        assertTrue(runs.size() < 1000, "runs: " + runs.size());

        // the lists' blocks add up to what the allocator counts as free
        long listed = 0;
        for (BuddyList l : session.buddyLists()) {
            listed += l.bytes();
            assertTrue(view.buddyText().contains(" ×" + l.blocks()), view.buddyText());
        }
        assertEquals(session.pageTotals().freeBytes(), listed);

        // the last frame of RAM is picked like any other
        PageRun last = runs.get(runs.size() - 1);
        long pa = last.addr() + (last.count() - 1) * 4096;
        view.selectFrame(pa);
        Workbench.settle();
        assertEquals(last, view.table().getSelection()[0].getData());
        assertTrue(view.frameText().startsWith(String.format("0x%016x: %s", pa,
                org.vmscope.model.page.PageFlags.markerOwner(last.marker()))), view.frameText());
        Screenshots.save(view.getSite().getShell(), "physical-memory-riscv64-4G");
    }
}
