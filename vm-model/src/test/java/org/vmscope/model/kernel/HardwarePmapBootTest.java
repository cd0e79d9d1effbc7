package org.vmscope.model.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Deque;

import org.junit.jupiter.api.Test;
import org.vmscope.model.Arch;
import org.vmscope.model.map.Mman;
import org.vmscope.model.map.VmMap;
import org.vmscope.model.pmap.Ia32Pmap;
import org.vmscope.model.pmap.Pmap;

/** The boot hook with the real ia32 format: kernel and user translations land in simulated RAM. */
class HardwarePmapBootTest {

    /** Kernel pmap in the loader's pdir (0x3000); the loader's page table (0x4000) serves the first 4 MiB. */
    private static Pmap ia32Kernel(org.vmscope.model.phys.SimPhysicalMemory phys, BootMappings bm) {
        Ia32Pmap p = Ia32Pmap.kernel(phys, 0x3000);
        Deque<Long> frames = new ArrayDeque<>();
        frames.add(0x4000L);
        for (BootMappings.Table t : bm.tables()) {
            if (t.va() != 0) {
                frames.add(t.frame());
            }
        }
        for (BootMappings.Mapping m : bm.mappings()) {
            if (p.enter(m.pa(), m.va(), m.attr(), -1) == Pmap.NEEDS_TABLE) {
                p.enter(m.pa(), m.va(), m.attr(), frames.isEmpty() ? -1 : frames.poll());
            }
        }
        return p;
    }

    @Test
    void ia32KernelAndUserTablesAreRealTables() throws Exception {
        SimKernel k = SimKernel.boot(Machine.standard(Arch.IA32, 16 << 20), HardwarePmapBootTest::ia32Kernel);
        Ia32Pmap kpmap = assertInstanceOf(Ia32Pmap.class, k.kmap().pmap());
        assertEquals(0x100000L, kpmap.resolve(0xC0100000L), "kernel image");
        assertEquals(0x6000L, kpmap.resolve(0xC0141000L), "first sbrk page");
        // kmalloc's first zone was mapped through the real pmap at boot
        long zone = k.kmalloc().firstzone().vaddr();
        assertEquals(k.kmalloc().firstzone().pages().addr(), kpmap.resolve(zone));

        VmMap user = k.createMap(0x1000, 0xC0000000L, root -> Ia32Pmap.create(k.phys(), kpmap, root));
        long v = user.mmap(0, null, 0x2000, Mman.PROT_READ | Mman.PROT_WRITE | Mman.PROT_USER, null, -1, 0);
        assertEquals(0x1000, v);
        long pa = user.pmap().resolve(0x1000);
        assertTrue(pa != 0);
        assertEquals('A', k.pages().get(pa).marker());
        // the user directory shares the kernel half
        assertEquals(0x100000L, user.pmap().resolve(0xC0100000L));
        // its page table came from the allocator as a P page
        assertEquals('P', k.pages().get(user.pmap().root()).marker());
    }
}
