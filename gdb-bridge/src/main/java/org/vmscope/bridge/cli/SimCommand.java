package org.vmscope.bridge.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.vmscope.bridge.sim.SimGdbServer;
import org.vmscope.bridge.sim.SimStepper;
import org.vmscope.bridge.sim.SimTargetException;
import org.vmscope.bridge.sim.SimulatedTarget;
import org.vmscope.model.script.StepResult;
import org.vmscope.model.Arch;
import org.vmscope.model.Sizes;
import org.vmscope.model.check.BootBaseline;
import org.vmscope.model.check.Checks;
import org.vmscope.model.check.Problem;
import org.vmscope.model.kernel.Machine;
import org.vmscope.model.kernel.SimKernel;
import org.vmscope.model.map.EntryInfo;
import org.vmscope.model.map.Mman;
import org.vmscope.model.proc.Process;
import org.vmscope.model.proc.Processes;
import org.vmscope.model.psh.PshMem;
import org.vmscope.model.script.Scenario;
import org.vmscope.model.script.ScenarioError;
import org.vmscope.model.script.ScenarioRun;

/**
 * {@code vmscope sim}: boots a simulated target, runs a {@code .vmsim} scenario on it and prints the state in
 * psh {@code mem} formats (or JSON). Exit status: 0 fine, 1 a finding (check problems, a kernel panic),
 * 2 bad arguments or a scenario error ({@code file:line: message}).
 */
final class SimCommand implements Command {

    @Override
    public String name() {
        return "sim";
    }

    @Override
    public String summary() {
        return "run a .vmsim scenario on a simulated target and print its memory state";
    }

    @Override
    public String usage() {
        return """
                usage: vmscope sim --arch ARCH --ram SIZE [--script FILE] [-m PID|kernel] [-p] [-s] [--check] [--json]
                                [--serve [HOST:]PORT] [--snapshot FILE]
                  --arch ARCH     ia32, armv7a, aarch64, riscv64, sparcv8leon, armv7m, armv8m
                  --ram SIZE      RAM size, e.g. 16M or 64K (Cortex-M)
                  --script FILE   scenario to run (see vm-model SCENARIOS.md); its 'machine' line wins over
                                  --arch/--ram, which are then optional
                  -m PID|kernel   also print the entry table of a process or of the kernel map (mem -m)
                  -p              also print the page map (mem -p)
                  -s              also print the shared maps (mem -s)
                  --check         run the consistency checks; exit 1 when they find problems
                  --json          print the same state as JSON
                  --serve [HOST:]PORT  after boot, serve the target to gdb (loopback unless HOST is given);
                                  gdb's stepi runs one scenario line, continue runs the rest; the state
                                  is printed when gdb kills the target or the scenario has run
                  --snapshot FILE save the final state as a snapshot file (for vmscope diff); with --check
                                  it holds the problems found
                The summary line (mem) is always printed first.""";
    }

    /** Parsed options. */
    private static final class Options {
        String arch;
        Long ram;
        String script;
        String map;
        boolean pages;
        boolean shared;
        boolean check;
        boolean json;
        String serve;
        String snapshot;
    }

    private static Options parse(List<String> args) throws UsageException {
        Options o = new Options();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--arch" -> o.arch = arg(args, ++i, a);
                case "--ram" -> o.ram = size(arg(args, ++i, a));
                case "--script" -> o.script = arg(args, ++i, a);
                case "-m" -> o.map = arg(args, ++i, a);
                case "-p" -> o.pages = true;
                case "-s" -> o.shared = true;
                case "--check" -> o.check = true;
                case "--json" -> o.json = true;
                case "--serve" -> o.serve = arg(args, ++i, a);
                case "--snapshot" -> o.snapshot = arg(args, ++i, a);
                default -> throw new UsageException("unknown option '" + a + "'");
            }
        }
        if (o.map != null && !o.map.equals("kernel") && !o.map.matches("\\d{1,9}")) {
            throw new UsageException("-m takes a pid or 'kernel', not '" + o.map + "'");
        }
        return o;
    }

    private static String arg(List<String> args, int i, String opt) throws UsageException {
        if (i >= args.size()) {
            throw new UsageException(opt + " needs a value");
        }
        return args.get(i);
    }

    static long size(String s) throws UsageException {
        try {
            return Sizes.parsePositive(s);
        } catch (IllegalArgumentException e) {
            throw new UsageException("bad size '" + s + "'");
        }
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        Options o = parse(args);
        Scenario scenario;
        if (o.script != null) {
            String text;
            try {
                text = Files.readString(Path.of(o.script), StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                err.println("vmscope sim: cannot read " + o.script + ": " + e.getMessage());
                return 2;
            }
            scenario = Scenario.parse(o.script, text);
            if (!scenario.isValid()) {
                scenario.errors().forEach(e -> err.println(e));
                return 2;
            }
        } else {
            scenario = Scenario.parse("<none>", "checkpoint boot");
        }
        Machine machine = null;
        if (!scenario.hasMachine()) {
            if (o.arch == null || o.ram == null) {
                throw new UsageException("--arch and --ram are needed unless the script has a 'machine' line");
            }
            try {
                machine = Machine.standard(Arch.parse(o.arch), o.ram);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        ScenarioRun run = scenario.start(machine);
        BootBaseline[] baseline = new BootBaseline[1];
        run.onBoot(k -> baseline[0] = BootBaseline.capture(k));
        if (o.serve != null) {
            int served = serve(run, o.serve, out, err);
            if (served != 0) {
                return served;
            }
        }
        ScenarioError error = run.runToEnd();
        if (error != null) {
            err.println(error);
            return 2;
        }
        Processes ps = run.processes();
        SimKernel k = ps.kernel();
        Process selected = null;
        if (o.map != null && !o.map.equals("kernel")) {
            selected = ps.get(Integer.parseInt(o.map));
            if (selected == null) {
                err.print(PshMem.processNotFound(Long.parseLong(o.map)));
                return 2;
            }
        }
        List<Problem> problems = o.check ? check(ps, baseline[0]) : List.of();
        if (o.json) {
            out.println(json(ps, o, selected, problems));
        } else {
            text(ps, o, selected, problems, out);
        }
        if (o.snapshot != null) {
            // keep stdout pure JSON under --json
            int saved = SnapshotFiles.save(ps, run.history().size(), problems, o.snapshot, o.json ? err : out, err);
            if (saved != 0) {
                return saved;
            }
        }
        boolean findings = ps.panic() != null || !problems.isEmpty();
        return findings ? 1 : 0;
    }

    /**
     * Boots the machine (the scenario's first steps up to its kernel), then serves it to gdb until gdb
     * kills it or disconnects; gdb's step and continue run the scenario's remaining lines.
     */
    private static int serve(ScenarioRun run, String endpoint, PrintStream out, PrintStream err) {
        while (run.kernel() == null && !run.finished()) {
            run.step();
        }
        if (run.kernel() == null) {
            err.println(run.error() != null ? run.error() : "vmscope sim: the scenario boots no machine");
            return 2;
        }
        SimStepper stepper = new SimStepper() {
            @Override
            public boolean step() {
                StepResult r = run.step();
                return r != null && !r.failed();
            }

            @Override
            public boolean done() {
                return run.finished();
            }
        };
        try (SimGdbServer server = SimGdbServer.start(new SimulatedTarget(run.kernel(), stepper, null), endpoint, out)) {
            server.await();
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("vmscope sim: interrupted while serving");
            return 1;
        } catch (SimTargetException | IOException e) {
            err.println("vmscope sim: cannot serve: " + e.getMessage());
            return 1;
        }
    }

    /**
     * The consistency checks of {@code org.vmscope.model.check} over the kernel map, every process's own map
     * and the frames message windows hold.
     */
    private static List<Problem> check(Processes ps, BootBaseline baseline) {
        return Checks.run(ps, baseline);
    }

    private static List<EntryInfo> entries(Processes ps, Process selected) {
        return selected == null ? ps.kernel().kmap().info() : ps.mapInfo(selected);
    }

    private static String sharedText(SimKernel k) {
        return PshMem.shared(k);
    }

    private static void text(Processes ps, Options o, Process selected, List<Problem> problems, PrintStream out) {
        SimKernel k = ps.kernel();
        out.print(PshMem.summary(k));
        if (o.map != null) {
            out.print(PshMem.map(entries(ps, selected), k.arch().pointerBytes()));
        }
        if (o.pages) {
            out.print(PshMem.pages(k));
        }
        if (o.shared) {
            out.print(sharedText(k));
        }
        if (ps.panic() != null) {
            out.println(ps.panic());
        }
        if (o.check) {
            for (Problem p : problems) {
                out.println("check: " + p);
            }
            out.println("check: " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s"));
        }
    }

    private static String json(Processes ps, Options o, Process selected, List<Problem> problems) {
        SimKernel k = ps.kernel();
        JsonWriter j = new JsonWriter().beginObject();
        j.field("arch", k.arch().id()).field("pageSize", k.arch().pageSize()).field("ram", k.machine().ramBytes());
        j.name("mem").beginObject()
                .field("summary", PshMem.summary(k).trim())
                .field("alloc", k.allocBytes()).field("free", k.freeBytes()).field("boot", k.bootBytes())
                .field("entriesUsed", k.entryPool().total() - k.entryPool().free())
                .field("entriesTotal", k.entryPool().total())
                .field("kmalloc", k.kmalloc() == null ? 0 : k.kmalloc().allocBytes())
                .endObject();
        j.name("processes").beginArray();
        for (Process p : ps.all()) {
            j.beginObject().field("pid", p.pid()).field("name", p.name()).field("state", p.state().name())
                    .field("parent", p.parent() == null ? 0 : p.parent().pid()).field("vmem", ps.vmem(p))
                    .endObject();
        }
        j.endArray();
        if (o.map != null) {
            j.name("map").beginObject();
            if (selected == null) {
                j.field("pid", "kernel");
            } else {
                j.field("pid", selected.pid());
            }
            j.name("entries").beginArray();
            List<EntryInfo> es = new ArrayList<>(entries(ps, selected));
            for (int i = es.size() - 1; i >= 0; i--) {
                EntryInfo e = es.get(i);
                j.beginObject().field("vaddr", e.vaddr()).field("size", e.size())
                        .field("prot", PshMem.protText(e.prot())).field("flags", PshMem.flagsText(e.flags()).trim())
                        .field("needsCopy", (e.flags() & Mman.MAP_NEEDSCOPY) != 0)
                        .name("offs").value(e.offs() == Mman.OFFS_MAX ? null : Long.toHexString(e.offs()))
                        .field("object", PshMem.objectText(e)).field("anonsz", e.anonsz()).endObject();
            }
            j.endArray();
            j.field("text", PshMem.map(es, k.arch().pointerBytes()));
            j.endObject();
        }
        if (o.pages) {
            j.field("pages", PshMem.pages(k).trim());
        }
        if (o.shared) {
            j.field("shared", sharedText(k).trim());
        }
        j.name("panic").value(ps.panic() == null ? null : ps.panic().reason());
        if (o.check) {
            ProblemJson.write(j, "problems", problems);
        }
        return j.endObject().toString();
    }
}
