package org.vmscope.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.vmscope.model.Arch;
import org.vmscope.model.check.BootBaseline;
import org.vmscope.model.check.Checks;
import org.vmscope.model.check.Problem;
import org.vmscope.model.kernel.Machine;
import org.vmscope.model.kernel.SimKernel;
import org.vmscope.model.map.VmMap;
import org.vmscope.model.page.PageAllocator;
import org.vmscope.model.page.PageRun;
import org.vmscope.model.phys.PhysReader;
import org.vmscope.model.pmap.TablePmap;
import org.vmscope.model.proc.Process;
import org.vmscope.model.proc.Processes;
import org.vmscope.model.script.Scenario;
import org.vmscope.model.script.ScenarioError;
import org.vmscope.model.script.ScenarioRun;
import org.vmscope.model.script.Step;
import org.vmscope.model.script.StepResult;
import org.vmscope.model.state.State;
import org.vmscope.model.state.build.StateBuilder;

/**
 * A simulated Phoenix-RTOS kernel in-process: a machine booted by a scenario (vm-model's {@code .vmsim}
 * language), with the processes the scenario created. A debugger steps it line by line; the views' reads
 * and the steps are serialized on this object, so a view never sees half a step.
 */
public final class SimulatedTargetSession implements TargetSession {
    private final String name;
    private final ScenarioRun run;
    private final BootBaseline baseline;

    private SimulatedTargetSession(String name, ScenarioRun run, BootBaseline baseline) {
        this.name = name;
        this.run = run;
        this.baseline = baseline;
    }

    /**
     * Boots a standard machine with no processes.
     *
     * @throws IllegalArgumentException when the machine cannot boot (e.g. too little RAM), with the reason
     */
    public static SimulatedTargetSession boot(SimulatedTargetSpec spec) {
        return run("<boot>", "checkpoint boot", spec);
    }

    /**
     * Runs a scenario to its end; its {@code machine} line, if any, wins over {@code spec}.
     *
     * @throws IllegalArgumentException for a scenario that does not parse or fails, as {@code file:line: message}
     */
    public static SimulatedTargetSession run(String file, String text, SimulatedTargetSpec spec) {
        SimulatedTargetSession s = start(file, text, spec);
        ScenarioError error = s.runToEnd();
        if (error != null) {
            throw new IllegalArgumentException(error.toString());
        }
        return s;
    }

    /**
     * Boots the scenario's machine and stops before its first operation, for a debugger to step; its
     * {@code machine} line, if any, wins over {@code spec}.
     *
     * @throws IllegalArgumentException for a scenario that does not parse or does not boot, as {@code file:line: message}
     */
    public static SimulatedTargetSession start(String file, String text, SimulatedTargetSpec spec) {
        Scenario scenario = Scenario.parse(file, text);
        if (!scenario.isValid()) {
            throw new IllegalArgumentException(scenario.errors().get(0).toString());
        }
        Machine machine;
        try {
            machine = Machine.standard(spec.arch(), spec.ramBytes());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("simulated " + spec.arch().id() + ": " + e.getMessage(), e);
        }
        ScenarioRun run = scenario.start(scenario.hasMachine() ? null : machine);
        // the frames boot leaves allocated are remembered by no structure: without them a leak would hide
        BootBaseline[] baseline = new BootBaseline[1];
        run.onBoot(k -> baseline[0] = BootBaseline.capture(k));
        ScenarioError error = run.boot();
        if (error != null) {
            throw new IllegalArgumentException(error.toString());
        }
        SimKernel k = run.kernel();
        String title = String.format("simulated %s, %s", k.arch().id(), ramText(k.machine().ramBytes()));
        return new SimulatedTargetSession(file.startsWith("<") ? title : title + ", " + file, run, baseline[0]);
    }

    /** The scenario's file name, as given to {@link #start}. */
    public String file() {
        return run.scenario().file();
    }

    /** Runs the next scenario line; null when none is left. Views read a consistent state between steps. */
    public synchronized StepResult step() {
        return run.step();
    }

    /** Runs every remaining line; returns the error that stopped the scenario, or null. */
    public synchronized ScenarioError runToEnd() {
        return run.runToEnd();
    }

    /** Whether every line has run, or an error stopped the scenario. */
    public synchronized boolean finished() {
        return run.finished();
    }

    /** The line the next step runs, or -1 when finished. */
    public synchronized int nextLine() {
        return run.nextLine();
    }

    /** The error that stopped the scenario, or null. */
    public synchronized ScenarioError error() {
        return run.error();
    }

    /** The scenario's lines, in order. */
    public List<Step> steps() {
        return run.scenario().steps();
    }

    /** Lines run so far, oldest first. */
    public synchronized List<StepResult> history() {
        return List.copyOf(run.history());
    }

    /** RAM as the user asked for it: banks leave out holes such as the PC's legacy area, so round. */
    private static String ramText(long bytes) {
        return bytes >= 1 << 20 ? Math.round(bytes / (double) (1 << 20)) + " MiB" : Math.round(bytes / 1024.0) + " KiB";
    }

    public SimKernel kernel() {
        return run.kernel();
    }

    public Processes processes() {
        return run.processes();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Arch arch() {
        return kernel().arch();
    }

    @Override
    public synchronized List<PageRun> pageRuns() {
        PageAllocator pages = kernel().pages();
        // NOMMU targets keep token pages with no frame addresses: there is no page map to show
        return pages == null ? List.of() : pages.runs();
    }

    @Override
    public synchronized List<BuddyList> buddyLists() {
        PageAllocator pages = kernel().pages();
        List<BuddyList> out = new ArrayList<>();
        for (int order = 0; pages != null && order < pages.listCount(); order++) {
            int blocks = pages.freeList(order).size();
            if (blocks > 0) {
                out.add(new BuddyList(order, blocks));
            }
        }
        return out;
    }

    @Override
    public synchronized List<AddressSpace> addressSpaces() {
        VmMap kmap = kernel().kmap();
        List<AddressSpace> spaces = new ArrayList<>();
        spaces.add(new AddressSpace("kernel", AddressSpace.KERNEL, kmap.start(), kmap.stop(), kmap.info()));
        List<Process> alive = new ArrayList<>(processes().all());
        alive.removeIf(p -> !p.alive());
        alive.sort(Comparator.comparingInt(Process::pid));
        for (Process p : alive) {
            VmMap m = p.map();
            spaces.add(new AddressSpace(p.name(), p.pid(), m.start(), m.stop(), processes().mapInfo(p)));
        }
        return spaces;
    }

    @Override
    public synchronized List<PageTableSpace> pageTableSpaces() {
        List<PageTableSpace> spaces = new ArrayList<>();
        for (AddressSpace a : addressSpaces()) {
            VmMap map = a.pid() == AddressSpace.KERNEL ? kernel().kmap() : processes().get((int) a.pid()).map();
            // only pmaps that write hardware tables can be walked; software pmaps have nothing in RAM
            if (map.pmap() instanceof TablePmap t) {
                spaces.add(new PageTableSpace(a.pid() == AddressSpace.KERNEL ? "kernel" : a.pid() + " " + a.name(),
                        a.pid(), t.walkRoots()));
            }
        }
        return spaces;
    }

    @Override
    public PhysReader physicalMemory() {
        return kernel().phys();
    }

    @Override
    public synchronized KernelHeap kernelHeap() {
        return SimulatedHeap.read(kernel().kmalloc(), kernel().entryPool());
    }

    @Override
    public synchronized List<Finding> problems() {
        List<Finding> out = new ArrayList<>();
        for (Problem p : Checks.run(processes(), baseline)) {
            out.add(Finding.of(p));
        }
        return out;
    }

    /** The picture {@code vmscope sim --snapshot} saves: kernel map, every live process's map, the checks' problems. */
    @Override
    public synchronized State captureState() {
        return StateBuilder.of(kernel()).processes(processes()).name(name).stopCounter(run.history().size())
                .problems(Checks.run(processes(), baseline)).build();
    }

    @Override
    public synchronized List<MemoryObjectInfo> memoryObjects() {
        return SimulatedObjects.read(processes());
    }

    @Override
    public synchronized PageTotals pageTotals() {
        SimKernel k = kernel();
        return new PageTotals(k.allocBytes() + k.freeBytes(), k.freeBytes(), k.arch().pageSize(), k.bootBytes());
    }
}
