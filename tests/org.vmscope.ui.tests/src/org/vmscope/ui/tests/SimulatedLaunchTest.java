package org.vmscope.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.eclipse.core.resources.IFile;
import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.model.IStackFrame;
import org.eclipse.debug.core.model.IThread;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.vmscope.core.Sessions;
import org.vmscope.core.SimulatedTargetSession;
import org.vmscope.core.SimulatedTargetSpec;
import org.vmscope.debug.core.VmscopeLaunch;
import org.vmscope.debug.core.model.ScenarioDebugTarget;
import org.vmscope.debug.ui.internal.ScenarioLaunchShortcut;
import org.vmscope.model.psh.PshMem;
import org.vmscope.ui.views.AddressSpacesView;

/**
 * A "vmscope simulated target" launch of a scenario in the workspace, driven through the platform's debug
 * model: it stops before the first line, steps line by line and runs to the end, and the Address Spaces
 * view follows every stop. psh's mem -m of an independent run of the same scenario is the oracle.
 */
public class SimulatedLaunchTest {
    private static final String SCENARIO = """
            machine ia32 ram=16M
            spawn init text=64K data=4K bss=4K stack=16K
            mmap init 0 64K prot=rw flags=private,anonymous as buf
            touch init buf write
            fork init as child
            """;

    private static List<String> rows(AddressSpacesView view) {
        Tree tree = view.treeControl();
        return List.of(tree.getItems()).stream().map(i -> i.getText(0)).toList();
    }

    @Test
    public void debugStepsTheScenarioAndTheViewsFollow() throws Exception {
        IFile file = Launches.workspaceFile("scenarios", "fork-child.vmsim", SCENARIO);
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        AddressSpacesView view = (AddressSpacesView) page.showView(AddressSpacesView.ID);
        try (Launches.EventLog log = new Launches.EventLog()) {
            ILaunch launch = Launches.launch(Launches.config(VmscopeLaunch.SIMULATED_TYPE, "fork-child",
                    Map.of(VmscopeLaunch.SCENARIO, file.getFullPath().toString())), ILaunchManager.DEBUG_MODE);
            ScenarioDebugTarget target = assertInstanceOf(ScenarioDebugTarget.class, launch.getDebugTarget());
            assertTrue(target.isSuspended(), "a debug launch stops before the first operation");
            IThread thread = target.getThreads()[0];
            IStackFrame frame = thread.getTopStackFrame();
            assertEquals(2, frame.getLineNumber(), "the machine line ran at boot; the spawn is next");
            assertTrue(frame.getName().startsWith("line 2: spawn init"), frame.getName());
            assertSame(target.simulation(), Sessions.get().current().orElseThrow());
            Launches.waitUntil("the view shows the booted kernel", () -> rows(view).equals(List.of("kernel")));

            thread.stepOver();
            Launches.waitUntil("the view shows init after one step", () -> rows(view).equals(List.of("kernel", "1 init")));
            assertEquals(3, thread.getTopStackFrame().getLineNumber());
            Launches.waitUntil("the step's suspend event", () -> log.count(thread, DebugEvent.SUSPEND, DebugEvent.STEP_END) == 1);
            assertEquals(1, log.count(thread, DebugEvent.RESUME, DebugEvent.STEP_OVER));

            thread.resume();
            Launches.waitUntil("the run ends", () -> target.isSuspended() && target.simulation().finished());
            Launches.waitUntil("the view shows the forked child (it keeps its name)",
                    () -> rows(view).equals(List.of("kernel", "1 init", "2 init")));
            assertFalse(thread.canResume(), "nothing is left to run");
            assertTrue(thread.getTopStackFrame().getName().startsWith("end of fork-child.vmsim (5 lines run)"),
                    thread.getTopStackFrame().getName());

            // mem -m of an independent run of the same text: one view row per psh line below the header
            SimulatedTargetSession oracle = SimulatedTargetSession.run("fork-child.vmsim", SCENARIO, SimulatedTargetSpec.DEFAULT);
            for (int pid = 1; pid <= 2; pid++) {
                String[] psh = PshMem.map(oracle.processes().mapInfo(oracle.processes().get(pid)), 4).split("\n");
                assertEquals(psh.length - 1, view.treeControl().getItem(pid).getItemCount(), "mem -m " + pid);
            }
            Screenshots.save(view.getSite().getShell(), "launch-simulated-fork-child");

            target.terminate();
            Launches.waitUntil("the launch ends", launch::isTerminated);
            Launches.waitUntil("the terminate event", () -> log.count(target, DebugEvent.TERMINATE, -1) == 1);
        }
    }

    @Test
    public void runModeRunsToTheEndAndTheShortcutReusesItsConfiguration() throws Exception {
        IFile file = Launches.workspaceFile("scenarios", "shortcut.vmsim", SCENARIO);
        var config = ScenarioLaunchShortcut.configurationFor(file);
        assertEquals(config, ScenarioLaunchShortcut.configurationFor(file), "one configuration per scenario file");
        ILaunch launch = config.launch(ILaunchManager.RUN_MODE, null);
        ScenarioDebugTarget target = (ScenarioDebugTarget) launch.getDebugTarget();
        Launches.waitUntil("the run ends", () -> target.isSuspended() && target.simulation().finished());
        assertEquals(-1, target.nextLine());
        assertEquals(5, target.simulation().history().size(), "the machine line and four operations");
        target.terminate();
        config.delete();
    }

    @Test
    public void aBrokenScenarioFailsTheLaunchWithItsLine() throws Exception {
        IFile file = Launches.workspaceFile("scenarios", "broken.vmsim", "machine ia32 ram=16M\nspawn\n");
        var wc = Launches.config(VmscopeLaunch.SIMULATED_TYPE, "broken",
                Map.of(VmscopeLaunch.SCENARIO, file.getFullPath().toString()));
        var e = org.junit.jupiter.api.Assertions.assertThrows(org.eclipse.core.runtime.CoreException.class,
                () -> wc.launch(ILaunchManager.DEBUG_MODE, null));
        assertTrue(e.getMessage().contains("broken.vmsim:2"), e.getMessage());
        var missing = Launches.config(VmscopeLaunch.SIMULATED_TYPE, "missing",
                Map.of(VmscopeLaunch.SCENARIO, "/scenarios/nothing-here.vmsim"));
        var m = org.junit.jupiter.api.Assertions.assertThrows(org.eclipse.core.runtime.CoreException.class,
                () -> missing.launch(ILaunchManager.DEBUG_MODE, null));
        assertTrue(m.getMessage().contains("no scenario file /scenarios/nothing-here.vmsim"), m.getMessage());
    }
}
