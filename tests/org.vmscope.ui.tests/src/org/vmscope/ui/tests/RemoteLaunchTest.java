package org.vmscope.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.model.IThread;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.vmscope.core.LiveTargetStop;
import org.vmscope.core.PageTableSpace;
import org.vmscope.core.Sessions;
import org.vmscope.core.TargetSession;
import org.vmscope.debug.core.VmscopeLaunch;
import org.vmscope.debug.core.model.ProxyDebugTarget;
import org.vmscope.debug.core.model.RemoteDebugTarget;
import org.vmscope.debug.core.model.ScenarioDebugTarget;
import org.vmscope.model.pmap.MappedRange;
import org.vmscope.model.pmap.PageTableWalker;
import org.vmscope.model.pmap.PagingRoot;
import org.vmscope.model.pmap.TablePmap;
import org.vmscope.ui.views.PageTablesView;

/**
 * "vmscope GDB remote target" launches against the simulated target served over our GDB server: vmscope
 * driving it directly, and gdb-multiarch driving it through the proxy while vmscope mirrors every stop. The
 * simulator's own tables, walked in-process, are the oracle for what the mirror read over the wire.
 */
public class RemoteLaunchTest {
    private static final String SCENARIO = """
            machine ia32 ram=16M
            spawn init text=64K data=4K bss=4K stack=16K
            mmap kernel 0 64K prot=rw
            """;

    private static ScenarioDebugTarget servedSimulation(int gdbPort) throws Exception {
        var file = Launches.workspaceFile("scenarios", "served.vmsim", SCENARIO);
        ILaunch sim = Launches.launch(Launches.config(VmscopeLaunch.SIMULATED_TYPE, "served", Map.of(
                VmscopeLaunch.SCENARIO, file.getFullPath().toString(), VmscopeLaunch.GDB_PORT, gdbPort)),
                ILaunchManager.DEBUG_MODE);
        ScenarioDebugTarget t = (ScenarioDebugTarget) sim.getDebugTarget();
        assertEquals(gdbPort, t.gdbPort());
        return t;
    }

    /** The simulated kernel's own tables walked in-process: the ranges the mirror must find. */
    private static List<MappedRange> kernelRanges(ScenarioDebugTarget sim) {
        var k = sim.simulation().kernel();
        List<MappedRange> all = new ArrayList<>();
        for (PagingRoot r : ((TablePmap) k.kmap().pmap()).walkRoots()) {
            all.addAll(new PageTableWalker(k.phys()).walk(r).ranges());
        }
        return all;
    }

    private static List<MappedRange> mirroredRanges(TargetSession live) {
        List<MappedRange> all = new ArrayList<>();
        for (PageTableSpace s : live.pageTableSpaces()) {
            for (PagingRoot r : s.roots()) {
                all.addAll(new PageTableWalker(live.physicalMemory()).walk(r).ranges());
            }
        }
        return all;
    }

    @Test
    public void directLaunchMirrorsEveryStopAndStepsTheTarget() throws Exception {
        int gdbPort = Launches.freePort();
        ScenarioDebugTarget sim = servedSimulation(gdbPort);
        try (Launches.EventLog log = new Launches.EventLog()) {
            ILaunch remote = Launches.launch(Launches.config(VmscopeLaunch.REMOTE_TYPE, "served-direct", Map.of(
                    VmscopeLaunch.HOST, "127.0.0.1", VmscopeLaunch.PORT, gdbPort)), ILaunchManager.DEBUG_MODE);
            RemoteDebugTarget target = assertInstanceOf(RemoteDebugTarget.class, remote.getDebugTarget());
            assertTrue(target.isSuspended());
            LiveTargetStop stop = assertInstanceOf(LiveTargetStop.class, Sessions.get().current().orElseThrow());
            assertTrue(stop.name().contains("127.0.0.1:" + gdbPort) && stop.name().contains("page tables only"), stop.name());
            assertEquals(kernelRanges(sim), mirroredRanges(stop), "the mirror over the wire equals the in-process walk");
            assertTrue(stop.problems().isEmpty(), () -> stop.problems().toString());

            IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
            PageTablesView view = (PageTablesView) page.showView(PageTablesView.ID);
            Launches.waitUntil("the Page Tables view shows the live stop",
                    () -> view.table().getItemCount() == kernelRanges(sim).size());
            Screenshots.save(view.getSite().getShell(), "launch-remote-direct-debug-view");
            page.bringToTop(view);
            Screenshots.settle(view.getSite().getShell().getDisplay());
            Screenshots.save(view.getSite().getShell(), "launch-remote-direct-page-tables");

            // gdb's step on the served simulator runs one scenario line: the kernel map gains an entry
            IThread thread = target.getThreads()[0];
            assertEquals(2, sim.nextLine());
            thread.stepInto();
            assertEquals(3, sim.nextLine(), "one 's' ran one scenario line");
            assertTrue(thread.getTopStackFrame().getName().startsWith("stop 2 "), thread.getTopStackFrame().getName());
            Launches.waitUntil("the step's suspend event", () -> log.count(thread, DebugEvent.SUSPEND, DebugEvent.STEP_END) == 1);
            LiveTargetStop second = (LiveTargetStop) Sessions.get().current().orElseThrow();
            assertFalse(second == stop, "every stop is read anew");

            thread.resume();
            Launches.waitUntil("the served scenario runs to its end and the target stops",
                    () -> target.isSuspended() && sim.simulation().finished());
            assertEquals(kernelRanges(sim), mirroredRanges(Sessions.get().current().orElseThrow()),
                    "after the kernel mmap the mirror still equals the simulator");
            target.terminate();
            Launches.waitUntil("the remote launch ends", remote::isTerminated);
        } finally {
            sim.terminate();
        }
    }

    @Test
    public void gdbDrivesTheTargetThroughTheProxyAndVmscopeMirrorsItsStops() throws Exception {
        File gdb = new File("/usr/bin/gdb-multiarch");
        assertTrue(gdb.canExecute(), "gdb-multiarch is installed (apt-get install gdb-multiarch)");
        int gdbPort = Launches.freePort();
        int proxyPort = Launches.freePort();
        ScenarioDebugTarget sim = servedSimulation(gdbPort);
        try (Launches.EventLog log = new Launches.EventLog()) {
            ILaunch remote = Launches.launch(Launches.config(VmscopeLaunch.REMOTE_TYPE, "served-proxy", Map.of(
                    VmscopeLaunch.PORT, gdbPort, VmscopeLaunch.MODE, VmscopeLaunch.MODE_PROXY,
                    VmscopeLaunch.PROXY_PORT, proxyPort)), ILaunchManager.DEBUG_MODE);
            ProxyDebugTarget target = assertInstanceOf(ProxyDebugTarget.class, remote.getDebugTarget());
            assertEquals(proxyPort, target.listenPort());
            assertFalse(target.isSuspended(), "nothing stopped yet: no debugger is connected");
            assertTrue(target.getThreads()[0].getName().contains("target remote 127.0.0.1:" + proxyPort));

            Process p = new ProcessBuilder(gdb.getPath(), "-nx", "-batch", "-ex", "set architecture i386",
                    "-ex", "target remote 127.0.0.1:" + proxyPort, "-ex", "stepi", "-ex", "info registers cr3",
                    "-ex", "detach").redirectErrorStream(true).start();
            Launches.waitUntil("gdb-multiarch finishes", () -> !p.isAlive());
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(1, TimeUnit.SECONDS) && p.exitValue() == 0, out);
            assertTrue(out.contains("cr3"), out);

            assertEquals(2, target.stops(), "the stop at connect and the stepi's: " + out);
            IThread thread = target.getThreads()[0];
            assertTrue(log.count(thread, DebugEvent.RESUME, -1) >= 1, "gdb's stepi was seen as a resume");
            assertEquals(3, sim.nextLine(), "gdb's stepi ran one scenario line through the proxy");
            TargetSession live = Sessions.get().current().orElseThrow();
            assertInstanceOf(LiveTargetStop.class, live);
            assertEquals(kernelRanges(sim).size(), mirroredRanges(live).size());
            target.terminate();
            Launches.waitUntil("the proxy launch ends", remote::isTerminated);
        } finally {
            sim.terminate();
        }
    }
}
