package org.vmscope.model.script;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.vmscope.model.Arch;
import org.vmscope.model.amap.Anon;
import org.vmscope.model.kernel.BootException;
import org.vmscope.model.kernel.Machine;
import org.vmscope.model.kernel.ProgramImage;
import org.vmscope.model.kernel.SimKernel;
import org.vmscope.model.map.EntryInfo;
import org.vmscope.model.map.MapEntry;
import org.vmscope.model.proc.Errnos;
import org.vmscope.model.proc.FailureInjector;
import org.vmscope.model.proc.MessageWindow;
import org.vmscope.model.proc.Process;
import org.vmscope.model.proc.Processes;
import org.vmscope.model.proc.SysResult;
import org.vmscope.model.psh.MapInfo;
import org.vmscope.model.psh.PshMem;
import org.vmscope.model.kernel.SyspageMap;
import org.vmscope.model.map.VmMap;

/**
 * Runs a {@link Scenario} step by step, so a debugger can stop between lines: {@link #step()},
 * {@link #runTo(int)}, {@link #runToEnd()}. The first scenario error (unknown name, failed expectation,
 * operation after a kernel panic) stops the run and is returned as a value. Kernel errors (ENOMEM...) are not
 * scenario errors: they are results, which {@code expect errno} can check.
 */
public final class ScenarioRun {
    private static final long KIB = 1024;

    private final Scenario scenario;
    private final Machine defaultMachine;
    private final Map<String, Object> bindings = new LinkedHashMap<>();
    private final Map<String, Checkpoint> checkpoints = new LinkedHashMap<>();
    private final List<StepResult> history = new ArrayList<>();
    private SimKernel kernel;
    private Processes procs;
    private int next;
    private SysResult last;
    private int lastLine;
    private ScenarioError error;
    private int panicLine;
    private java.util.function.Consumer<SimKernel> bootListener;

    private record WindowRef(int id) {
    }

    ScenarioRun(Scenario scenario, Machine defaultMachine) {
        this.scenario = scenario;
        this.defaultMachine = defaultMachine;
        if (!scenario.isValid()) {
            error = scenario.errors().get(0);
        }
    }

    public Scenario scenario() {
        return scenario;
    }

    /** Calls {@code listener} right after the machine boots (e.g. to record a boot baseline for checks). */
    public void onBoot(java.util.function.Consumer<SimKernel> listener) {
        this.bootListener = listener;
    }

    /** The booted kernel, or null before the first step. */
    public SimKernel kernel() {
        return kernel;
    }

    /** The process subsystem, or null before the first step. */
    public Processes processes() {
        return procs;
    }

    public Map<String, Checkpoint> checkpoints() {
        return Collections.unmodifiableMap(checkpoints);
    }

    public List<StepResult> history() {
        return Collections.unmodifiableList(history);
    }

    /** The error that stopped the run, or null. */
    public ScenarioError error() {
        return error;
    }

    /** Whether no step is left to run (the end, or an error). */
    public boolean finished() {
        return error != null || next >= scenario.steps().size();
    }

    /** The line of the next step, or -1 when finished. */
    public int nextLine() {
        return finished() ? -1 : scenario.steps().get(next).line();
    }

    /** The result of the last kernel operation, or null. */
    public SysResult lastResult() {
        return last;
    }

    /** What a name is bound to: a {@link Process}, an address ({@link Long}) or a message window id. */
    public Map<String, Object> bindings() {
        Map<String, Object> out = new LinkedHashMap<>();
        bindings.forEach((k, v) -> out.put(k, v instanceof WindowRef w ? Integer.valueOf(w.id()) : v));
        return out;
    }

    /** Runs every remaining step; returns the error that stopped it, or null. */
    public ScenarioError runToEnd() {
        int guard = 0;
        while (!finished() && guard++ <= scenario.steps().size()) {
            step();
        }
        return error;
    }

    /** Runs the steps before line {@code line} (a "run to cursor"); returns the error that stopped it, or null. */
    public ScenarioError runTo(int line) {
        int guard = 0;
        while (!finished() && nextLine() < line && guard++ <= scenario.steps().size()) {
            step();
        }
        return error;
    }

    /**
     * Boots the machine and runs nothing else: the scenario's {@code machine} line, or the default machine
     * when it has none. A debugger calls it to stop before the first operation. Returns the error that
     * stopped the boot, or null (also when the kernel was already booted).
     */
    public ScenarioError boot() {
        if (kernel != null || error != null) {
            return error;
        }
        if (scenario.hasMachine() && next == 0) {
            step();
            return error;
        }
        if (defaultMachine == null) {
            error = new ScenarioError(scenario.file(), Math.max(0, nextLine()),
                    "no machine: start the scenario with a 'machine ARCH ram=SIZE' line");
            return error;
        }
        try {
            boot(defaultMachine);
        } catch (Failure f) {
            error = new ScenarioError(scenario.file(), Math.max(0, nextLine()), f.getMessage());
        }
        return error;
    }

    /** Runs the next step; after the end or an error it returns null. */
    public StepResult step() {
        if (finished()) {
            return null;
        }
        Step s = scenario.steps().get(next++);
        StepResult r;
        try {
            r = execute(s);
        } catch (Failure f) {
            error = new ScenarioError(scenario.file(), s.line(), f.getMessage());
            r = new StepResult(s, null, error);
        }
        history.add(r);
        return r;
    }

    /** A scenario error raised while executing a step. */
    private static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message);
        }
    }

    // ------------------------------------------------------------------ execution

    private StepResult execute(Step s) throws Failure {
        Op op = s.op();
        if (op instanceof Op.MachineOp m) {
            boot(machine(m));
            return new StepResult(s, null, null);
        }
        if (kernel == null) {
            if (defaultMachine == null) {
                throw new Failure("no machine: start the scenario with a 'machine ARCH ram=SIZE' line");
            }
            boot(defaultMachine);
        }
        if (op instanceof Op.Expect e) {
            expect(e);
            return new StepResult(s, null, null);
        }
        if (op instanceof Op.Checkpoint c) {
            checkpoints.put(c.name(), snapshot(c.name(), s.line()));
            return new StepResult(s, null, null);
        }
        if (op instanceof Op.Fail f) {
            fail(f);
            return new StepResult(s, null, null);
        }
        if (procs.panic() != null) {
            throw new Failure("the kernel panicked at line " + panicLine + " (" + procs.panic().reason()
                    + "); only expect and checkpoint can follow");
        }
        SysResult r = kernelOp(op);
        last = r;
        lastLine = s.line();
        if (procs.panic() != null && panicLine == 0) {
            panicLine = s.line();
        }
        return new StepResult(s, r, null);
    }

    private Machine machine(Op.MachineOp m) throws Failure {
        try {
            Machine mc = Machine.standard(Arch.parse(m.arch()), m.ram());
            for (Op.SharedMap sm : m.shared()) {
                mc = mc.withSyspageMap(sm.name(), sm.start(), sm.size());
            }
            return m.sv48() ? mc.withSv48() : mc;
        } catch (IllegalArgumentException e) {
            throw new Failure(e.getMessage());
        }
    }

    private void boot(Machine m) throws Failure {
        if (kernel != null) {
            throw new Failure("the machine is already booted");
        }
        try {
            kernel = SimKernel.boot(m);
        } catch (BootException e) {
            throw new Failure("boot failed: " + e.getMessage());
        }
        procs = new Processes(kernel);
        if (bootListener != null) {
            bootListener.accept(kernel);
        }
    }

    private SysResult kernelOp(Op op) throws Failure {
        if (op instanceof Op.Spawn sp) {
            Process parent = sp.parent() == null ? null : process(sp.parent());
            SysResult r = procs.spawn(sp.image().name(), image(sp.image()), parent, sharedMap(sp.map()));
            bindProcess(sp.as() != null ? sp.as() : sp.image().name(), r);
            return r;
        }
        if (op instanceof Op.Fork f) {
            SysResult r = procs.fork(process(f.proc()));
            bindProcess(f.as(), r);
            return r;
        }
        if (op instanceof Op.Vfork f) {
            SysResult r = procs.vfork(process(f.proc()));
            bindProcess(f.as(), r);
            return r;
        }
        if (op instanceof Op.Exec e) {
            return procs.exec(process(e.proc()), e.image().name(), image(e.image()));
        }
        if (op instanceof Op.Exit e) {
            return procs.exit(process(e.proc()));
        }
        if (op instanceof Op.Mmap m) {
            Process p = processOrKernel(m.proc());
            long offs = m.offs() == null ? -1 : eval(m.offs());
            SysResult r = procs.mmap(p, eval(m.addr()), eval(m.size()), m.prot(), m.flags(), m.file(), offs);
            bindValue(m.as(), r);
            return r;
        }
        if (op instanceof Op.Munmap m) {
            return procs.munmap(processOrKernel(m.proc()), eval(m.addr()), eval(m.size()));
        }
        if (op instanceof Op.Mprotect m) {
            return procs.mprotect(processOrKernel(m.proc()), eval(m.addr()), eval(m.size()), m.prot());
        }
        if (op instanceof Op.Touch t) {
            return procs.touch(processOrKernel(t.proc()), eval(t.addr()), t.write());
        }
        if (op instanceof Op.Kmalloc km) {
            SysResult r = procs.kmalloc(eval(km.size()));
            bindValue(km.as(), r);
            return r;
        }
        if (op instanceof Op.Kfree kf) {
            return procs.kfree(eval(kf.addr()));
        }
        if (op instanceof Op.Msg m) {
            SysResult r = procs.send(process(m.from()), eval(m.addr()), eval(m.size()), process(m.to()));
            if (m.as() != null) {
                if (r.isOk()) {
                    bindings.put(m.as(), new WindowRef((int) r.value()));
                } else {
                    bindings.remove(m.as());
                }
            }
            return r;
        }
        if (op instanceof Op.Reply rp) {
            Object b = bindings.get(rp.window());
            if (!(b instanceof WindowRef w)) {
                throw new Failure("'" + rp.window() + "' is not a message (bind one with msg ... as NAME)");
            }
            return procs.reply(w.id());
        }
        throw new Failure("not a kernel operation");
    }

    private void fail(Op.Fail f) {
        FailureInjector fi = procs.failures();
        if (f.off()) {
            if (f.resource() == null) {
                fi.clearAll();
            } else {
                fi.clear(resource(f.resource()));
            }
            return;
        }
        fi.arm(resource(f.resource()), f.after(), f.count());
    }

    private static FailureInjector.Resource resource(String r) {
        return FailureInjector.Resource.valueOf(r.toUpperCase(Locale.ROOT));
    }

    // ------------------------------------------------------------------ names and values

    private void bindProcess(String name, SysResult r) {
        if (name == null) {
            return;
        }
        if (r.isOk()) {
            bindings.put(name, procs.get((int) r.value()));
        } else {
            bindings.remove(name);
        }
    }

    private void bindValue(String name, SysResult r) {
        if (name == null) {
            return;
        }
        if (r.isOk()) {
            bindings.put(name, r.value());
        } else {
            bindings.remove(name);
        }
    }

    /** A process by pid or bound name; it must be alive. */
    private Process process(String ref) throws Failure {
        Process p = anyProcess(ref);
        if (!p.alive()) {
            throw new Failure("process " + ref + " (pid " + p.pid() + ") has exited (" + p.exitReason() + ")");
        }
        return p;
    }

    private Process processOrKernel(String ref) throws Failure {
        return ref.equals("kernel") ? null : process(ref);
    }

    private Process anyProcess(String ref) throws Failure {
        if (!ref.isEmpty() && Character.isDigit(ref.charAt(0))) {
            int pid;
            try {
                pid = Integer.parseInt(ref);
            } catch (NumberFormatException e) {
                throw new Failure("bad pid '" + ref + "'");
            }
            Process p = procs.get(pid);
            if (p == null) {
                throw new Failure("no process with pid " + pid);
            }
            return p;
        }
        Object b = bindings.get(ref);
        if (b instanceof Process p) {
            return p;
        }
        if (b == null) {
            throw new Failure("'" + ref + "' is not bound to a process" + unboundHint(ref));
        }
        throw new Failure("'" + ref + "' is not a process");
    }

    private String unboundHint(String ref) {
        for (StepResult r : history) {
            if (r.result() != null && !r.result().isOk() && r.step().text().contains(" as " + ref)) {
                return " (line " + r.step().line() + " failed: " + Errnos.name(r.result().errno()) + ")";
            }
        }
        return "";
    }

    private long eval(Expr e) throws Failure {
        long v = 0;
        for (Expr.Term t : e.terms()) {
            long x;
            if (t.name() == null) {
                x = t.value();
            } else {
                Object b = bindings.get(t.name());
                if (b instanceof Long l) {
                    x = l;
                } else if (b == null) {
                    throw new Failure("'" + t.name() + "' is not bound to a value" + unboundHint(t.name()));
                } else {
                    throw new Failure("'" + t.name() + "' is not an address");
                }
            }
            v = t.negative() ? v - x : v + x;
        }
        return v;
    }

    private ProgramImage image(Op.Image i) throws Failure {
        long page = kernel.arch().pageSize();
        if (i.from() != null) {
            for (ProgramImage p : kernel.machine().programs()) {
                if (p.name().equals(i.from())) {
                    long data = i.data() >= 0 ? i.data() : (p.size() >= 4 * page ? 2 * page : 0);
                    long text = i.text() >= 0 ? i.text() : p.size() - data;
                    long bss = i.bss() >= 0 ? i.bss() : 2 * page;
                    try {
                        return p.withSegments(text, data, bss, Math.max(i.stack(), 0));
                    } catch (IllegalArgumentException e) {
                        throw new Failure(e.getMessage());
                    }
                }
            }
            List<String> names = new ArrayList<>();
            kernel.machine().programs().forEach(p -> names.add(p.name()));
            throw new Failure("no syspage program '" + i.from() + "' (this machine has " + names + ")");
        }
        return ProgramImage.file(i.name(), i.text() >= 0 ? i.text() : 32 * KIB, i.data() >= 0 ? i.data() : 8 * KIB,
                i.bss() >= 0 ? i.bss() : 8 * KIB, Math.max(i.stack(), 0));
    }

    // ------------------------------------------------------------------ checkpoints and expectations

    private Checkpoint snapshot(String name, int line) {
        Map<Integer, String> maps = new TreeMap<>();
        for (Process p : procs.all()) {
            maps.put(p.pid(), PshMem.map(procs.mapInfo(p), kernel.arch().pointerBytes()));
        }
        long km = kernel.kmalloc() == null ? 0 : kernel.kmalloc().allocBytes();
        return new Checkpoint(name, line, PshMem.summary(kernel).trim(), kernel.allocBytes(), kernel.freeBytes(),
                kernel.entryPool().total() - kernel.entryPool().free(), km, Collections.unmodifiableMap(maps));
    }

    private void expect(Op.Expect e) throws Failure {
        List<String> a = e.args();
        switch (e.what()) {
            case "ok" -> {
                SysResult r = lastOrFail();
                if (!r.isOk()) {
                    throw new Failure("expected success, line " + lastLine + " returned " + Errnos.name(r.errno()));
                }
            }
            case "errno" -> {
                SysResult r = lastOrFail();
                int want = Errnos.parse(a.get(0));
                if (want == 1) {
                    throw new Failure("unknown errno '" + a.get(0) + "'");
                }
                if (r.errno() != want) {
                    throw new Failure("expected " + Errnos.name(want) + ", line " + lastLine + " returned "
                            + (r.isOk() ? "success" : Errnos.name(r.errno())));
                }
            }
            case "value" -> {
                SysResult r = lastOrFail();
                long want = eval(exprOf(a.get(0)));
                if (!r.isOk() || r.value() != want) {
                    throw new Failure(String.format("expected value 0x%x, line %d returned %s", want, lastLine, r));
                }
            }
            case "mem" -> {
                String got = PshMem.summary(kernel).trim();
                if (!got.equals(a.get(0).trim())) {
                    throw new Failure("expected mem \"" + a.get(0) + "\", got \"" + got + "\"");
                }
            }
            case "free", "entries", "kmalloc" -> expectDelta(e.what(), a.get(0), a.get(1));
            case "panic" -> {
                if (procs.panic() == null) {
                    throw new Failure("expected a kernel panic, the kernel is running");
                }
            }
            case "alive" -> {
                Process p = anyProcess(a.get(0));
                if (!p.alive()) {
                    throw new Failure("expected " + a.get(0) + " alive, it exited (" + p.exitReason() + ")");
                }
            }
            case "exited" -> {
                Process p = anyProcess(a.get(0));
                if (p.alive()) {
                    throw new Failure("expected " + a.get(0) + " to have exited, it is " + p.state());
                }
            }
            case "vmem" -> {
                Process p = process(a.get(0));
                long want = eval(exprOf(a.get(1)));
                long got = procs.vmem(p);
                if (got != want) {
                    throw new Failure(String.format("expected vmem %d of %s, got %d", want, a.get(0), got));
                }
            }
            case "row" -> expectRow(a.get(0), eval(exprOf(a.get(1))), a.get(2));
            case "shared" -> expectShared(a.get(0), eval(exprOf(a.get(1))));
            case "owner" -> expectOwner(eval(exprOf(a.get(0))), a.get(1));
            case "refs" -> expectRefs(a.get(0), eval(exprOf(a.get(1))), parseCount(a.get(2)));
            default -> throw new Failure("unknown expectation '" + e.what() + "'");
        }
    }

    private static Expr exprOf(String s) throws Failure {
        try {
            return ScenarioParser.expr(s);
        } catch (ScenarioParser.ParseException x) {
            throw new Failure(x.getMessage());
        }
    }

    private static long parseCount(String s) throws Failure {
        try {
            return ScenarioParser.number(s);
        } catch (ScenarioParser.ParseException x) {
            throw new Failure(x.getMessage());
        }
    }

    private SysResult lastOrFail() throws Failure {
        if (last == null) {
            throw new Failure("no operation before this expectation");
        }
        return last;
    }

    private void expectDelta(String what, String cpName, String delta) throws Failure {
        Checkpoint cp = checkpoints.get(cpName);
        if (cp == null) {
            throw new Failure("no checkpoint '" + cpName + "'");
        }
        long d = parseCount(delta.substring(1));
        if (delta.startsWith("-")) {
            d = -d;
        }
        long got = switch (what) {
            case "free" -> kernel.freeBytes() - cp.freeBytes();
            case "entries" -> (kernel.entryPool().total() - kernel.entryPool().free()) - cp.entriesUsed();
            default -> (kernel.kmalloc() == null ? 0 : kernel.kmalloc().allocBytes()) - cp.kmallocBytes();
        };
        if (got != d) {
            throw new Failure(String.format("expected %s %s%+d since checkpoint '%s', got %+d", what,
                    what.equals("entries") ? "" : "bytes ", d, cpName, got));
        }
    }

    private void expectRow(String proc, long va, String want) throws Failure {
        List<EntryInfo> infos = proc.equals("kernel") ? kernel.kmap().info() : procs.mapInfo(process(proc));
        for (EntryInfo i : infos) {
            if (Long.compareUnsigned(va, i.vaddr()) >= 0 && Long.compareUnsigned(va - i.vaddr(), i.size()) < 0) {
                String text = PshMem.map(List.of(i), kernel.arch().pointerBytes());
                String row = text.substring(text.indexOf('\n') + 1).trim();
                if (!squeeze(row).equals(squeeze(want))) {
                    throw new Failure("expected row \"" + want + "\", got \"" + squeeze(row) + "\"");
                }
                return;
            }
        }
        throw new Failure(String.format("no entry of %s contains 0x%x", proc, va));
    }

    /** The shared map named {@code name} (null name: the kernel map's default, null). */
    private VmMap sharedMap(String name) throws Failure {
        if (name == null) {
            return null;
        }
        SyspageMap sm = kernel.machine().syspageMap(name);
        if (sm == null) {
            throw new Failure("no shared map '" + name + "'" + (kernel.arch().hasMmu() ? " on an MMU target" : ""));
        }
        return kernel.sharedMap(sm.id());
    }

    /** {@code expect shared MAP ALLOC}: the map's allocated bytes as {@code mem -s} prints them. */
    private void expectShared(String name, long want) throws Failure {
        int id = kernel.sharedMapId(sharedMap(name));
        long got = MapInfo.of(kernel).get(id).alloc();
        if (got != want) {
            throw new Failure(String.format("expected %d bytes allocated in shared map %s, got %d", want, name, got));
        }
    }

    /** {@code expect owner ADDR PROC|none}: the shared-map entry holding ADDR is on PROC's ring (or nobody's). */
    private void expectOwner(long va, String who) throws Failure {
        for (VmMap m : kernel.sharedMaps()) {
            MapEntry e = m.entryAt(va);
            if (e == null) {
                continue;
            }
            Process want = who.equals("none") ? null : anyProcess(who);
            if (e.process() != want) {
                throw new Failure(String.format("expected the entry at 0x%x owned by %s, it is %s's", va, who,
                        e.process() == null ? "nobody" : e.process()));
            }
            return;
        }
        throw new Failure(String.format("no shared-map entry contains 0x%x", va));
    }

    private static String squeeze(String s) {
        return s.trim().replaceAll("\\s+", " ");
    }

    private void expectRefs(String proc, long va, long want) throws Failure {
        Process p = processOrKernel(proc);
        var m = p == null ? kernel.kmap() : p.mapp();
        MapEntry e = m.entryAt(va);
        if (e == null) {
            throw new Failure(String.format("no entry of %s contains 0x%x", proc, va));
        }
        long got = 0;
        if (e.amap() != null) {
            long page = kernel.arch().pageSize();
            long slot = (e.aoffs() + ((va & ~(page - 1)) - e.vaddr())) / page;
            Anon an = slot < e.amap().size() ? e.amap().anon((int) slot) : null;
            got = an == null ? 0 : an.refs();
        }
        if (got != want) {
            throw new Failure(String.format("expected %d reference(s) on the anon at 0x%x, got %d", want, va, got));
        }
    }

    /** The message windows bound by name, for front ends. */
    public Map<String, MessageWindow> boundWindows() {
        Map<String, MessageWindow> out = new LinkedHashMap<>();
        bindings.forEach((k, v) -> {
            if (v instanceof WindowRef w && procs.window(w.id()) != null) {
                out.put(k, procs.window(w.id()));
            }
        });
        return out;
    }
}
