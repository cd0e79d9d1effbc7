package org.vmscope.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.vmscope.bridge.kernel.EntryPoolInfo;
import org.vmscope.bridge.kernel.KernelException;
import org.vmscope.bridge.kernel.KernelImage;
import org.vmscope.bridge.kernel.KernelReader;
import org.vmscope.bridge.kernel.LiveStates;
import org.vmscope.bridge.kernel.PageAllocatorInfo;
import org.vmscope.bridge.kernel.ProcessRef;
import org.vmscope.bridge.mirror.Mirror;
import org.vmscope.bridge.mirror.MirrorException;
import org.vmscope.bridge.mirror.MirrorWalk;
import org.vmscope.bridge.mirror.NamedRoot;
import org.vmscope.bridge.mirror.PagingSetup;
import org.vmscope.bridge.mirror.ReadStats;
import org.vmscope.bridge.mirror.StopMemory;
import org.vmscope.bridge.mirror.TargetArch;
import org.vmscope.model.Arch;
import org.vmscope.model.check.Problem;
import org.vmscope.model.check.Severity;
import org.vmscope.model.map.EntryInfo;
import org.vmscope.model.page.PageRun;
import org.vmscope.model.phys.PhysReader;
import org.vmscope.model.pmap.PagingRoot;
import org.vmscope.model.pmap.WalkProblem;

/**
 * A live target as one stop found it: the page tables walked from the paging registers and, with the
 * kernel's ELF, the kernel's page allocator, entry pool, maps, objects and kmalloc decoded from its DWARF,
 * with vm-model's consistency checks run over them. Everything is read
 * while the target is halted and kept, so the views can look at it while the target runs on; what could
 * not be read is a {@link Finding}, never an exception.
 */
public final class LiveTargetStop implements TargetSession {
    /** Problem codes for what the mirror and the kernel decoder report. */
    public static final String PAGE_TABLE = "PAGE_TABLE";
    public static final String KERNEL_READ = "KERNEL_READ";
    public static final String TARGET = "TARGET";

    private final String name;
    private final TargetArch targetArch;
    private final List<PageRun> runs;
    private final PageTotals totals;
    private final List<AddressSpace> spaces;
    private final List<PageTableSpace> tables;
    private final StopMemory memory;
    private final KernelHeap heap;
    private final List<Finding> findings;
    private final List<MemoryObjectInfo> objects;
    private final ReadStats cost;

    private LiveTargetStop(Builder b) {
        this.name = b.name;
        this.targetArch = b.arch;
        this.runs = List.copyOf(b.runs);
        this.totals = b.totals;
        this.spaces = List.copyOf(b.spaces);
        this.tables = List.copyOf(b.tables);
        this.memory = b.memory;
        this.heap = b.heap;
        this.findings = List.copyOf(b.findings);
        this.objects = List.copyOf(b.objects);
        this.cost = b.cost;
    }

    /**
     * Reads the halted target behind {@code mirror} (the caller keeps the connection). With {@code kernel},
     * the ELF is first checked against the running kernel unless {@code verify} is false; a mismatch is a
     * finding and the kernel structures are then not decoded.
     *
     * @param target the connection's name for titles, e.g. {@code 127.0.0.1:1234}
     * @throws MirrorException when not even the paging setup can be read (the target is gone)
     */
    public static LiveTargetStop capture(String target, Mirror mirror, KernelImage kernel, boolean verify)
            throws MirrorException {
        Builder b = new Builder();
        PagingSetup setup = mirror.paging();
        b.arch = setup.arch();
        MirrorWalk walk = mirror.walk();
        walk(b, walk);
        String what = "page tables only";
        if (kernel != null) {
            what = decode(b, kernel, mirror, verify) ? "kernel " + kernel.path().getFileName() : "kernel not decoded";
        }
        b.memory = StopMemory.of(mirror.memory());
        b.cost = mirror.memory().stats();
        if (b.totals == null) {
            b.totals = new PageTotals(0, 0, KernelImage.MMU_PAGE_SIZE);
        }
        if (b.heap == null) {
            b.heap = new KernelHeap(List.of(), 0, 0, 0);
        }
        b.name = String.format("%s %s, %s%s", target, b.arch.id(), what, walk.partial() ? ", partial" : "");
        return new LiveTargetStop(b);
    }

    private static void walk(Builder b, MirrorWalk walk) {
        List<PagingRoot> roots = new ArrayList<>();
        StringBuilder regs = new StringBuilder();
        for (NamedRoot r : walk.setup().roots()) {
            roots.add(r.root());
            regs.append(regs.length() == 0 ? "" : ", ").append(String.format("%s=0x%x", r.register(), r.registerValue()));
        }
        if (!roots.isEmpty()) {
            b.tables.add(new PageTableSpace("active (" + regs + ")", AddressSpace.KERNEL, roots));
        }
        for (WalkProblem p : walk.walkProblems()) {
            b.findings.add(new Finding(Severity.ERROR, PAGE_TABLE + "_" + p.kind().name(),
                    String.format("table 0x%x level %d", p.tablePa(), p.level()), p.message()));
        }
        if (walk.partial()) {
            b.findings.add(new Finding(Severity.ERROR, TARGET, "connection",
                    "the walk is partial: " + String.join("; ", walk.problems())));
        }
        if (!walk.setup().walkable()) {
            b.findings.add(new Finding(Severity.ERROR, TARGET, "paging", walk.setup().problem()));
        }
    }

    /** Decodes the kernel's VM globals; false when the ELF was refused. Partial failures become findings. */
    private static boolean decode(Builder b, KernelImage kernel, Mirror mirror, boolean verify) {
        KernelReader r;
        try {
            r = new KernelReader(kernel, mirror);
            if (verify) {
                r.verifyImage();
            }
        } catch (KernelException e) {
            b.findings.add(new Finding(Severity.ERROR, KERNEL_READ, "kernel " + kernel.path().getFileName(),
                    e.getMessage()));
            return false;
        }
        try {
            PageAllocatorInfo p = r.pages(true);
            b.runs.addAll(p.runs());
            b.totals = new PageTotals(p.totalBytes(), p.freeBytes(), p.pageSize());
        } catch (KernelException e) {
            kernelProblem(b, "pages_info", e);
        }
        try {
            EntryPoolInfo pool = r.entryPool();
            b.heap = new KernelHeap(List.of(), 0, pool.total() - pool.free(), pool.total());
        } catch (KernelException e) {
            kernelProblem(b, "map_common", e);
        }
        try {
            b.spaces.add(space("kernel", AddressSpace.KERNEL, r.kernelMap()));
        } catch (KernelException e) {
            kernelProblem(b, "main_common.kmap", e);
        }
        try {
            for (Map.Entry<Integer, ProcessRef> p : r.processes().entrySet()) {
                try {
                    r.processMap(p.getKey()).ifPresent(es -> b.spaces.add(space("pid " + p.getKey(), p.getKey(), es)));
                } catch (KernelException e) {
                    kernelProblem(b, "process " + p.getKey(), e);
                }
            }
        } catch (KernelException e) {
            kernelProblem(b, "process_common", e);
        }
        java.util.Set<String> decodeProblems = new java.util.LinkedHashSet<>(r.problems());
        try {
            LiveStates live = LiveStates.read(kernel, mirror);
            named(b, live);
            b.heap = LiveKernelViews.heap(live.kmalloc(), b.heap.entriesUsed(), b.heap.entriesTotal());
            b.objects.addAll(LiveKernelViews.objects(live));
            decodeProblems.addAll(live.problems());
            for (Problem p : live.check()) {
                b.findings.add(Finding.of(p));
            }
        } catch (KernelException e) {
            kernelProblem(b, "kernel VM state", e);
        }
        for (String p : decodeProblems) {
            b.findings.add(new Finding(Severity.ERROR, KERNEL_READ, "kernel structures", p));
        }
        return true;
    }

    /**
     * Processes by their path, and each process's own page tables from its page directory when the
     * architecture has one root for the whole address space (x86, RISC-V; ARM splits it between TTBRs).
     */
    private static void named(Builder b, LiveStates live) {
        Map<Long, LiveStates.Space> byPid = new java.util.HashMap<>();
        for (LiveStates.Space s : live.spaces()) {
            byPid.put(s.pid() == LiveStates.KERNEL_PID ? AddressSpace.KERNEL : (long) s.pid(), s);
        }
        b.spaces.replaceAll(a -> {
            LiveStates.Space s = byPid.get(a.pid());
            return s == null || a.pid() == AddressSpace.KERNEL ? a
                    : new AddressSpace(s.name(), a.pid(), a.start(), a.stop(), a.entries());
        });
        if (b.tables.size() != 1 || b.tables.get(0).roots().size() != 1) {
            return;
        }
        PagingRoot active = b.tables.get(0).roots().get(0);
        for (LiveStates.Space s : live.spaces()) {
            if (s.pid() != LiveStates.KERNEL_PID && s.pdir() != 0) {
                b.tables.add(new PageTableSpace(s.pid() + " " + s.name(), s.pid(),
                        List.of(new PagingRoot(active.format(), s.pdir()))));
            }
        }
    }

    private static void kernelProblem(Builder b, String subject, KernelException e) {
        b.findings.add(new Finding(Severity.ERROR, KERNEL_READ, subject, e.getMessage()));
    }

    /** A map's bounds as its entries span them (meminfo reports entries, not the map's own start and stop). */
    private static AddressSpace space(String name, long pid, List<EntryInfo> entries) {
        long start = 0;
        long stop = 0;
        for (EntryInfo e : entries) {
            if (start == stop || Long.compareUnsigned(e.vaddr(), start) < 0) {
                start = e.vaddr();
            }
            if (Long.compareUnsigned(e.vaddr() + e.size(), stop) > 0) {
                stop = e.vaddr() + e.size();
            }
        }
        return new AddressSpace(name, pid, start, stop, entries);
    }

    /** What reading this stop cost. */
    public ReadStats cost() {
        return cost;
    }

    public TargetArch targetArch() {
        return targetArch;
    }

    @Override
    public String name() {
        return name;
    }

    /** The Phoenix-RTOS architecture, or null for one Phoenix-RTOS does not run on (an x86_64 guest). */
    @Override
    public Arch arch() {
        return switch (targetArch) {
            case IA32 -> Arch.IA32;
            case ARMV7A -> Arch.ARMV7A;
            case AARCH64 -> Arch.AARCH64;
            case RISCV64 -> Arch.RISCV64;
            case SPARC -> Arch.SPARCV8LEON;
            case X86_64 -> null;
        };
    }

    @Override
    public int pointerBytes() {
        return targetArch == TargetArch.IA32 || targetArch == TargetArch.ARMV7A || targetArch == TargetArch.SPARC ? 4 : 8;
    }

    @Override
    public List<PageRun> pageRuns() {
        return runs;
    }

    @Override
    public PageTotals pageTotals() {
        return totals;
    }

    @Override
    public List<AddressSpace> addressSpaces() {
        return spaces;
    }

    @Override
    public List<PageTableSpace> pageTableSpaces() {
        return tables;
    }

    /** What this stop read; bytes it did not read are refused (the target may be running). */
    @Override
    public PhysReader physicalMemory() {
        return memory;
    }

    @Override
    public KernelHeap kernelHeap() {
        return heap;
    }

    @Override
    public List<Finding> problems() {
        return findings;
    }

    @Override
    public List<MemoryObjectInfo> memoryObjects() {
        return objects;
    }

    private static final class Builder {
        String name;
        TargetArch arch;
        final List<PageRun> runs = new ArrayList<>();
        PageTotals totals;
        final List<AddressSpace> spaces = new ArrayList<>();
        final List<PageTableSpace> tables = new ArrayList<>();
        StopMemory memory;
        KernelHeap heap;
        final List<Finding> findings = new ArrayList<>();
        final List<MemoryObjectInfo> objects = new ArrayList<>();
        ReadStats cost;
    }
}
