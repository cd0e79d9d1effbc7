package org.vmscope.model.map;

import java.util.List;

import org.vmscope.model.Arch;
import org.vmscope.model.object.VmObject;
import org.vmscope.model.page.PageAllocator;
import org.vmscope.model.page.PageFlags;
import org.vmscope.model.phys.RamBank;
import org.vmscope.model.phys.SimPhysicalMemory;

/** An ia32-like user map over a small all-free RAM bank at {@link #RAM}, for mapper tests. */
final class MapFixture {
    static final long RAM = 0x100000;
    static final int RW = Mman.PROT_READ | Mman.PROT_WRITE | Mman.PROT_USER;
    static final int R = Mman.PROT_READ | Mman.PROT_USER;

    final PageAllocator pages;
    final SimPhysicalMemory phys;
    final EntryPool pool;
    final FakePmap pmap;
    final VmObject kernel = VmObject.kernel();
    final VmContext ctx;
    final VmMap map;

    MapFixture(int ramPages, int poolEntries, long tableSpan) {
        pages = new PageAllocator(12, 4, 16, ramPages);
        for (int i = 0; i < ramPages; i++) {
            pages.discover(RAM + i * 0x1000L, PageFlags.FREE);
        }
        pages.initSizes();
        phys = new SimPhysicalMemory(List.of(new RamBank(RAM, ramPages * 0x1000L)));
        pool = new EntryPool(poolEntries, 60);
        pmap = new FakePmap(tableSpan);
        ctx = VmContext.of(Arch.IA32, pool, pages, phys, kernel);
        map = new VmMap(ctx, 0x1000, 0xC0000000L, pmap);
    }

    MapFixture() {
        this(256, 64, 0);
    }

    int used() {
        return pool.total() - pool.free();
    }
}
