package org.vmscope.model.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.vmscope.model.Arch;
import org.vmscope.model.map.MapEntry;
import org.vmscope.model.map.Mman;
import org.vmscope.model.object.VmObject;

class NommuKernelTest {

    @Test
    void bootAccountsTokensAndReservesTheKernel() throws Exception {
        SimKernel k = SimKernel.boot(Machine.standard(Arch.ARMV7M, 1 << 20));
        // map 0x20000000..0x20100000, bss 0x20004800: (0x100000 - 0x4800) / 512 = 2012 tokens of 12 bytes
        assertEquals(2012, k.tokens().tokenCount());
        long bssAfter = 0x20004800L + 2012 * 12;
        assertEquals(bssAfter - 0x20004000L, k.tokens().allocBytes());
        assertEquals(0x100000 - 0x4800 - 2012 * 12, k.tokens().freeBytes());
        assertNull(k.pages());
        List<MapEntry> es = k.kmap().entries();
        assertEquals(2, es.size());
        assertEquals(0x20000000L, es.get(0).vaddr());
        assertEquals(0x20004800L, es.get(1).vaddr());
        assertEquals(Mman.PROT_READ | Mman.PROT_EXEC, es.get(1).prot());
        assertEquals(0x20000000L, k.kmap().start());
        assertEquals(0x20100000L, k.kmap().stop());
    }

    @Test
    void anonymousMmapOnlyReservesAndPhysmemCreatesNoEntry() throws Exception {
        SimKernel k = SimKernel.boot(Machine.standard(Arch.ARMV7M, 1 << 20));
        int used = k.entryPool().total() - k.entryPool().free();
        long top = k.kmap().entries().get(1).end();
        long v = k.kmap().mmap(0, null, 0x400, Mman.PROT_READ | Mman.PROT_WRITE, null, -1, 0);
        assertEquals(top, v, "lowest fit after the kernel heap");
        assertNull(k.kmap().entryAt(v).amap(), "lazy: nothing populated");
        long dev = k.kmap().mmap(0, null, 0x200, Mman.PROT_READ, VmObject.PHYSMEM, 0x40000000L, 0);
        assertEquals(0x40000000L, dev);
        assertEquals(used + 1, k.entryPool().total() - k.entryPool().free());
    }
}
