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
import org.vmscope.model.page.FreeResult;
import org.vmscope.model.page.PageAllocator;
import org.vmscope.model.page.PageFlags;

/**
 * {@code vm_pageAlloc} + {@code vm_pageFree} of one page on a freshly booted target: the split down from the
 * smallest non-empty buddy list and the merge back up. Balanced, so every invocation sees the same lists.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PageAllocBench {
    @Param({"riscv64:16M", "riscv64:4G", "ia32:16M", "ia32:3G"})
    public String target;

    private PageAllocator pages;
    private long pageSize;
    private long freeAtStart;

    @Setup(Level.Trial)
    public void boot() {
        pages = Target.parse(target).boot().pages();
        pageSize = pages.pageSize();
        freeAtStart = pages.freeBytes();
    }

    @Benchmark
    public int allocFree() {
        int i = pages.allocIndex(pageSize, PageFlags.OWNER_APP);
        if (i < 0 || pages.free(i) != FreeResult.FREED) {
            throw new IllegalStateException("alloc/free of one page failed at index " + i);
        }
        return i;
    }

    @TearDown(Level.Trial)
    public void balanced() {
        Balance.check("page allocator free bytes", freeAtStart, pages.freeBytes());
    }
}
