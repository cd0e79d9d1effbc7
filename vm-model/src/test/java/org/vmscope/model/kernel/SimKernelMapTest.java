package org.vmscope.model.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.vmscope.model.Arch;
import org.vmscope.model.map.MapEntry;
import org.vmscope.model.map.Mman;
import org.vmscope.model.map.VmMap;
import org.vmscope.model.page.PageFlags;
import org.vmscope.model.psh.PshMem;

class SimKernelMapTest {

    @Test
    void kernelMapSpansVaddrKernelToTheExpandedCeiling() throws Exception {
        SimKernel k = SimKernel.boot(Machine.standard(Arch.IA32, 16 << 20));
        assertEquals(0xC0000000L, k.kmap().start());
        assertEquals(k.kernelSpaceEnd(), k.kmap().stop());
        List<MapEntry> es = k.kmap().entries();
        assertEquals(3, es.size());
        // kmalloc's first zone page was mapped at the lowest fit, right at top, merging into [_etext, top)
        assertEquals(k.top() + 0x1000, es.get(2).end());
        // the kernel pmap maps the image and the heap
        assertEquals(0x100000L, k.kmap().pmap().resolve(0xC0100000L));
        assertEquals(0x6000L, k.kmap().pmap().resolve(0xC0141000L), "first sbrk page is frame 6");
    }

    @Test
    void userMapCreationTakesAPdirPageAndMergesItsWindowIntoTheHeapSegment() throws Exception {
        SimKernel k = SimKernel.boot(Machine.standard(Arch.IA32, 16 << 20));
        long alloc = k.pages().allocBytes();
        VmMap user = k.createMap(0x1000, 0xC0000000L, root -> new SoftPmap(root, 0x1000, 0x400000));
        assertNotNull(user);
        assertEquals(alloc + 0x1000, k.pages().allocBytes());
        // the pdir window lands after the first kmalloc zone and extends the [_etext, top) RW kernel-object entry
        List<MapEntry> es = k.kmap().entries();
        assertEquals(3, es.size());
        assertEquals(k.top() + 0x2000, es.get(2).end());
        long pdir = user.pmap().root();
        assertEquals(PageFlags.OWNER_KERNEL | PageFlags.KERNEL_PTABLE, k.pages().get(pdir).flags());
        assertEquals(pdir, k.kmap().pmap().resolve(k.top() + 0x1000));
    }

    @Test
    void userMmapAndPshOutput() throws Exception {
        SimKernel k = SimKernel.boot(Machine.standard(Arch.IA32, 16 << 20));
        VmMap user = k.createMap(0x1000, 0xC0000000L, root -> new SoftPmap(root, 0x1000, 0x400000));
        int rwu = Mman.PROT_READ | Mman.PROT_WRITE | Mman.PROT_USER;
        long stack = user.mmap(0xC0000000L - 0x8000, null, 0x8000, rwu, null, -1, 0);
        assertEquals(0xBFFF8000L, stack);
        long heap = user.mmap(0, null, 0x5000, rwu, null, -1, 0);
        assertEquals(0x1000, heap);
        String b16 = " ".repeat(16);
        assertEquals("SEGMENT            PROT  FLAGS            OFFSET  OBJECT\n"
                + "bfff8000:bfffffff  rw-          " + b16 + "  (anonymous)\n"
                + "00001000:00005fff  rw-          " + b16 + "  (anonymous)\n",
                PshMem.map(user.info(), 4));
        // 13 anonymous pages, marked 'A', plus the pdir (P) and two page tables (P) for the two 4 MiB ranges
        long appPages = 0;
        for (int i = 0; i < k.pages().pageCount(); i++) {
            if (k.pages().pageAt(i).flags() == PageFlags.OWNER_APP) {
                appPages++;
            }
        }
        assertEquals(13 + 44, appPages, "13 anonymous pages plus the 44 program-image pages");
    }

    @Test
    void destroyingAUserMapReturnsItsTablesAndWindow() throws Exception {
        SimKernel k = SimKernel.boot(Machine.standard(Arch.IA32, 16 << 20));
        long alloc = k.pages().allocBytes();
        long kmapEnd = k.kmap().entries().get(2).end();
        VmMap user = k.createMap(0x1000, 0xC0000000L, root -> new SoftPmap(root, 0x1000, 0x400000));
        user.mmap(0, null, 0x3000, Mman.PROT_READ | Mman.PROT_WRITE | Mman.PROT_USER, null, -1, 0);
        // pdir + one page table + 3 anonymous pages
        assertEquals(alloc + 5 * 0x1000L, k.pages().allocBytes());
        user.destroy();
        assertEquals(alloc, k.pages().allocBytes());
        assertEquals(kmapEnd, k.kmap().entries().get(2).end(), "the pdir window is gone");
        assertEquals(3, k.entryPool().total() - k.entryPool().free());
    }

    @Test
    void fourGibibyteTargetBoots() throws Exception {
        // riscv64 with 4 GiB minus the SBI area: about a million page_t entries
        SimKernel k = SimKernel.boot(Machine.standard(Arch.RISCV64, 4096L << 20));
        assertEquals((4096 - 2) * 256, k.pages().pageCount());
        assertEquals(k.pages().totalBytes() - k.pages().allocBytes(), k.freeBytes());
    }
}
