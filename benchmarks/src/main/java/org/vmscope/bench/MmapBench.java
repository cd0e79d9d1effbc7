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
import org.vmscope.model.map.Errno;
import org.vmscope.model.map.Mman;
import org.vmscope.model.proc.Process;
import org.vmscope.model.proc.Processes;

/**
 * The memory system calls of one process on a booted target.
 * <ul>
 * <li>{@link #mmapTouchMunmap}: {@code sys_mmap} of one anonymous read-write page, a user write to it, and
 * {@code sys_munmap}. MMU processes are not lazy ({@code process->lazy = 0}), so mmap populates the page
 * through {@code vm_mapForce}: the fault handler's work (amap, anon, page alloc, zeroing, pmap enter) is inside
 * mmap, and the write then hits (an MMU table walk).</li>
 * <li>{@link #fault}: {@code vm_mapForce} for a write to a resident anonymous page, what the page-fault
 * handler runs on a protection fault: entry lookup in the map tree, amap/anon lookup, pmap enter.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MmapBench {
    private static final int RW = Mman.PROT_READ | Mman.PROT_WRITE;

    @Param({"riscv64:16M", "riscv64:4G", "ia32:16M", "ia32:3G"})
    public String target;

    private Processes procs;
    private Process proc;
    private long pageSize;
    private long resident;
    private long freeAtStart;
    private int entriesAtStart;

    @Setup(Level.Trial)
    public void boot() {
        procs = new Processes(Target.parse(target).boot());
        proc = Workloads.spawn(procs, "bench");
        pageSize = procs.kernel().arch().pageSize();
        resident = Workloads.ok(procs.mmap(proc, 0, pageSize, RW, Mman.MAP_ANONYMOUS, null, 0), "mmap resident");
        Workloads.ok(procs.touch(proc, resident, true), "touch resident");
        freeAtStart = procs.kernel().pages().freeBytes();
        entriesAtStart = procs.kernel().entryPool().free();
    }

    @Benchmark
    public long mmapTouchMunmap() {
        long va = procs.mmap(proc, 0, pageSize, RW, Mman.MAP_ANONYMOUS, null, 0).value();
        long touched = procs.touch(proc, va, true).value();
        long unmapped = procs.munmap(proc, va, pageSize).value();
        if (va <= 0 || touched != 0 || unmapped != 0) {
            throw new IllegalStateException("mmap/touch/munmap failed: va=" + va + " touch=" + touched
                    + " munmap=" + unmapped);
        }
        return va;
    }

    @Benchmark
    public int fault() {
        int err = proc.map().force(resident, RW | Mman.PROT_USER);
        if (err != Errno.EOK) {
            throw new IllegalStateException("vm_mapForce failed: " + err);
        }
        return err;
    }

    @TearDown(Level.Trial)
    public void balanced() {
        Balance.check("page allocator free bytes", freeAtStart, procs.kernel().pages().freeBytes());
        Balance.check("entry pool free entries", entriesAtStart, procs.kernel().entryPool().free());
    }
}
