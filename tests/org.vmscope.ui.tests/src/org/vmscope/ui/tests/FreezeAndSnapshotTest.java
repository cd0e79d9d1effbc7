package org.vmscope.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.widgets.TreeItem;
import org.junit.jupiter.api.Test;
import org.vmscope.core.Sessions;
import org.vmscope.core.SimulatedTargetSession;
import org.vmscope.core.SimulatedTargetSpec;
import org.vmscope.model.map.EntryInfo;
import org.vmscope.model.script.Examples;
import org.vmscope.model.state.diff.StateDiff;
import org.vmscope.model.state.snapshot.Snapshots;
import org.vmscope.ui.internal.SnapshotFiles;
import org.vmscope.ui.views.AddressSpacesView;
import org.vmscope.ui.views.SnapshotDiffView;

/**
 * Freeze keeps a view on the state it shows while the target moves on; snapshots saved before and after a
 * scenario step (the forked worker exits) compare in the Snapshot Diff view.
 */
public class FreezeAndSnapshotTest {

    private static final String DEMO = "ide-demo.vmsim";

    /** The demo, then one more step: the worker (pid 3, psh's forked child) exits. */
    private static SimulatedTargetSession afterExit() throws Exception {
        return SimulatedTargetSession.run(DEMO, Examples.read(DEMO) + "exit worker\nexpect ok\n",
                SimulatedTargetSpec.DEFAULT);
    }

    private static SimulatedTargetSession demo() throws Exception {
        return SimulatedTargetSession.run(DEMO, Examples.read(DEMO), SimulatedTargetSpec.DEFAULT);
    }

    private static List<String> spaces(AddressSpacesView v) {
        List<String> out = new ArrayList<>();
        for (TreeItem i : v.treeControl().getItems()) {
            out.add(i.getText(0));
        }
        return out;
    }

    @Test
    public void aFrozenViewKeepsItsStateUntilThawed() throws Exception {
        Sessions.get().activate(demo());
        AddressSpacesView view = Workbench.show(AddressSpacesView.ID);
        assertEquals(List.of("kernel", "1 init", "2 psh", "3 psh"), spaces(view));

        view.setFrozen(true);
        Sessions.get().activate(afterExit());
        Workbench.settle();
        assertEquals(List.of("kernel", "1 init", "2 psh", "3 psh"), spaces(view), "frozen: the worker still shows");
        assertTrue(view.getContentDescription().startsWith("Frozen"), view.getContentDescription());
        Screenshots.save(view.getSite().getShell(), "address-spaces-frozen");

        view.setFrozen(false);
        Workbench.settle();
        assertEquals(List.of("kernel", "1 init", "2 psh"), spaces(view), "thawed: the worker has exited");
    }

    @Test
    public void snapshotsBeforeAndAfterAStepCompareInTheDiffView() throws Exception {
        SimulatedTargetSession before = demo();
        SimulatedTargetSession after = afterExit();
        Path dir = Files.createTempDirectory("vmscope-snapshots");
        Path a = dir.resolve("before.vmsnap");
        Path b = dir.resolve("after.vmsnap");
        SnapshotFiles.save(before, a).join();
        SnapshotFiles.save(after, b).join();
        assertTrue(Files.size(a) > 0 && Files.size(b) > 0);

        SnapshotDiffView view = Workbench.show(SnapshotDiffView.ID);
        view.compare(a, b);
        Workbench.settle();

        List<String> rows = new ArrayList<>();
        for (TreeItem section : view.treeControl().getItems()) {
            for (TreeItem r : section.getItems()) {
                rows.add(section.getText(0).replaceAll(" \\(\\d+\\)$", "") + " | " + r.getText(0) + " | "
                        + r.getText(1) + " | " + r.getText(2));
            }
        }
        // the oracle: the worker's own map before it exited, as mem -m 3 lists it
        List<EntryInfo> worker = before.processes().mapInfo(before.processes().get(3));
        assertTrue(rows.contains("Address spaces | 3 psh | removed | "), rows.toString());
        long removed = rows.stream().filter(r -> r.startsWith("Entries | pid 3 psh ") && r.contains("| removed |"))
                .count();
        assertEquals(worker.size(), removed, "every entry of the worker is gone: " + rows);
        // the kernel map may change (kmalloc gives zones back), the other processes' maps may not
        assertTrue(rows.stream().noneMatch(r -> r.startsWith("Entries | pid 1 ") || r.startsWith("Entries | pid 2 ")),
                "init's and psh's maps are untouched: " + rows);
        assertTrue(rows.stream().anyMatch(r -> r.startsWith("Pages | ") && r.contains("| freed |")),
                "the worker's frames are freed: " + rows);
        assertTrue(rows.stream().noneMatch(r -> r.startsWith("Pages | ") && r.contains("| allocated |")), rows.toString());
        int poolBefore = before.kernel().entryPool().total() - before.kernel().entryPool().free();
        int poolAfter = after.kernel().entryPool().total() - after.kernel().entryPool().free();
        assertTrue(poolAfter < poolBefore, "exit returns map entries to the pool");
        assertTrue(rows.contains("Entry pool | entries used | changed | " + poolBefore + " -> " + poolAfter + " of "
                + after.kernel().entryPool().total()), rows.toString());
        // the view's text export is vmscope diff's report of the same two files
        assertEquals(StateDiff.between(Snapshots.load(a), Snapshots.load(b)).toText(), view.export("vmscope diff"));
        Screenshots.save(view.getSite().getShell(), "snapshot-diff-worker-exit");
    }
}
