package org.vmscope.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.vmscope.model.proc.Process;
import org.vmscope.model.proc.Processes;

/**
 * fork + exit of a process with {@value #ENTRIES} extra one-page map entries (alternating read-only and
 * read-write, so none merge): {@code vm_mapCopy} of every entry, the eager copy of the 500 writable pages (MMU
 * processes are not lazy), then {@code vm_mapDestroy} of the child.
 *
 * <p>No 16 MiB target: the kernel sizes the entry pool at boot to {@code free / (3 * SIZE_PAGE +
 * sizeof(map_entry_t))}, 1126 entries on riscv64 and 1282 on ia32 at 16 MiB, fewer than the parent and the
 * child together need (2 x 1002), so the fork fails ENOMEM there as it would in the kernel. 32 MiB is the
 * smallest standard size that holds both.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ForkBench {
    static final int ENTRIES = 1000;

    @Param({"riscv64:32M", "riscv64:4G", "ia32:32M", "ia32:3G"})
    public String target;

    private Processes procs;
    private Process parent;
    private long freeAtStart;
    private int entriesAtStart;

    @Setup(Level.Trial)
    public void boot() {
        procs = new Processes(Target.parse(target).boot());
        parent = Workloads.spawn(procs, "parent");
        Workloads.addEntries(procs, parent, ENTRIES);
        freeAtStart = procs.kernel().pages().freeBytes();
        entriesAtStart = procs.kernel().entryPool().free();
    }

    @Benchmark
    public long forkExit() {
        long pid = Workloads.ok(procs.fork(parent), "fork");
        Workloads.ok(procs.exit(procs.get((int) pid)), "exit");
        return pid;
    }

    @TearDown(Level.Trial)
    public void balanced() {
        Balance.check("page allocator free bytes", freeAtStart, procs.kernel().pages().freeBytes());
        Balance.check("entry pool free entries", entriesAtStart, procs.kernel().entryPool().free());
    }
}
