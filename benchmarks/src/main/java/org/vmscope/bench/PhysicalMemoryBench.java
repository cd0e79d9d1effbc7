package org.vmscope.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.vmscope.model.kernel.ProgramImage;
import org.vmscope.model.page.PageAllocator;
import org.vmscope.model.page.PageFlags;
import org.vmscope.model.page.PageRun;
import org.vmscope.model.proc.Processes;
import org.vmscope.model.state.State;
import org.vmscope.model.state.build.StateBuilder;

/**
 * The model side of "open Physical Memory and refresh after one step" on a 16 K-page (64 MiB) and a
 * million-page (4 GiB; ia32 3 GiB) target with the two boot programs running:
 * <ul>
 * <li>{@link #runs}: {@code PageAllocator.runs()}, the {@code vm_pageinfo} run list a viewer draws.</li>
 * <li>{@link #refresh}: one step (a page allocated, or the previous one freed) then the whole
 * {@link StateBuilder} picture the IDE shows (runs by flags, free lists, maps, kmalloc).</li>
 * </ul>
 */
@org.openjdk.jmh.annotations.State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PhysicalMemoryBench {
    @Param({"riscv64:64M", "riscv64:4G", "ia32:64M", "ia32:3G"})
    public String target;

    private Processes procs;
    private PageAllocator pages;
    private int held = -1;
    private long steps;

    @Setup(Level.Trial)
    public void boot() {
        procs = new Processes(Target.parse(target).boot());
        for (ProgramImage img : procs.kernel().machine().programs()) {
            Workloads.ok(procs.spawn(img.name(), img, null), "spawn " + img.name());
        }
        pages = procs.kernel().pages();
    }

    @Benchmark
    public List<PageRun> runs() {
        return pages.runs();
    }

    @Benchmark
    public State refresh() {
        step();
        return StateBuilder.of(procs.kernel()).processes(procs).stopCounter(++steps).build();
    }

    /** Alternates allocating one page and freeing it, so the picture changes and the state stays bounded. */
    private void step() {
        if (held < 0) {
            held = pages.allocIndex(pages.pageSize(), PageFlags.OWNER_APP);
            if (held < 0) {
                throw new IllegalStateException("out of pages");
            }
        } else {
            pages.free(held);
            held = -1;
        }
    }
}
