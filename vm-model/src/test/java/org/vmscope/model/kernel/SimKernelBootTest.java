package org.vmscope.model.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.vmscope.model.Arch;
import org.vmscope.model.page.PageAllocator;
import org.vmscope.model.page.PageFlags;
import org.vmscope.model.phys.RamBank;

/**
 * Boot of the standard ia32 16 MiB machine; every expected value is computed by hand in the comments from
 * phoenix-vm.md §3.1.1 and the layout documented in {@link Machine#standard}.
 */
class SimKernelBootTest {
    private static final long MIB = 1 << 20;

    @Test
    void ia32CountersAfterBoot() throws Exception {
        SimKernel k = SimKernel.boot(Machine.standard(Arch.IA32, 16 * MIB));
        PageAllocator p = k.pages();
        // described: 160 low + 16 BIOS + 3840 above 1 MiB + 64 ROM = 4080 pages
        assertEquals(4080, p.pageCount());
        assertEquals(4080 * 4096L, p.totalBytes());
        // boot-owned: EBDA page 0x9F000 (rest in the VGA hole) + 16 BIOS + 64 ROM = 81 pages
        assertEquals(81 * 4096L, p.bootBytes());
        // 195 classified non-free + 16 heap (page array) + 2 kernel-space tables + 1 NULL-page table
        // + 19 heap pages for the entry pool + 1 page for kmalloc's first zone = 234 pages
        assertEquals(234 * 4096L, p.allocBytes());
        // pool: 3866 free pages after _page_init: 15835136 / (3*4096 + 60) = 1282
        assertEquals(1282, k.entryPool().total());
        assertEquals(60, k.entryPool().entrySize());
        // array: 0xC0140500 + 4080*16 = 0xC0150400; pool 1282*60 = 76920 bytes on top
        assertEquals(0xC0150400L + 76920, k.bss());
        // 1 + 16 + 19 heap pages from 0xC0140000
        assertEquals(0xC0140000L + 36 * 4096, k.top());
        // top after the array (0xC0151000) + max(16320 KiB / 4, 8 MiB)
        assertEquals(0xC0151000L + 8 * MIB, k.kernelSpaceEnd());
    }

    @Test
    void ia32BootLogMatchesKernelFormat() throws Exception {
        SimKernel k = SimKernel.boot(Machine.standard(Arch.IA32, 16 * MIB));
        assertEquals(List.of(
                "vm: Initializing page allocator (528+324)/16320KB, page_t=16",
                // the boot printer brackets runs from 5 and counts the first gap from address 0
                "vm: KCYPPS[16H]P[135.]PB[80x][16B][64K][44A][3732.][1044416x][64B]",
                "vm: Initializing memory mapper: (1282*60) 76920",
                // hdridx 6 on 32-bit: 64-byte blocks, max(16, 4096/64) = 64 of them; sizeof(vm_zone_t) = 48
                "vm: Initializing kernel memory allocator: (64*48) 3072",
                "vm: Initializing memory objects"), k.bootLog());
    }

    @Test
    void ia32PageFramesAfterBoot() throws Exception {
        SimKernel k = SimKernel.boot(Machine.standard(Arch.IA32, 16 * MIB));
        PageAllocator p = k.pages();
        String markers = "KCYPPS";
        for (int i = 0; i < markers.length(); i++) {
            assertEquals(markers.charAt(i), p.get(i * 0x1000L).marker());
        }
        // the page array's heap pages are the first free frames discovered: 6..21
        for (long f = 6; f <= 21; f++) {
            assertEquals(PageFlags.OWNER_KERNEL | PageFlags.KERNEL_HEAP, p.get(f << 12).flags());
        }
        // first PTABLE after initSizes comes from list 12: the lone frame 0x9E000 next to the EBDA page
        assertEquals('P', p.get(0x9E000).marker());
        // the second splits the order-13 block at 0x16000 and keeps the lower half; the NULL table takes 0x17000
        assertEquals('P', p.get(0x16000).marker());
        assertEquals('P', p.get(0x17000).marker());
        assertEquals('B', p.get(0x9F000).marker());
        assertEquals(null, p.get(0xA0000));
        assertEquals('A', p.get(0x140000).marker());
        assertEquals('B', p.get(0xFFFFF000L).marker());
    }

    @Test
    void everyStandardMachineBoots() throws Exception {
        for (Arch a : Arch.values()) {
            SimKernel k = SimKernel.boot(Machine.standard(a, 16 * MIB));
            assertTrue(k.entryPool().total() > 0, a.id());
            assertTrue(k.freeBytes() > 8 * MIB, a.id());
            if (a.hasMmu()) {
                assertEquals(a.pointerBytes() * 8, k.pages().listCount());
                assertEquals(k.pages().totalBytes() - k.pages().allocBytes(), k.freeBytes());
            } else {
                assertEquals(null, k.pages());
            }
        }
    }

    @Test
    void largeTargetBootsWithOnePageTPerFrame() throws Exception {
        // 1 GiB riscv64 minus the 2 MiB SBI area: one page_t per described frame
        SimKernel k = SimKernel.boot(Machine.standard(Arch.RISCV64, 1024 * MIB));
        assertEquals((1024 - 2) * 256, k.pages().pageCount());
    }

    @Test
    void tooSmallMachineFailsWithBootException() {
        KernelLayout layout = Machine.standard(Arch.IA32, 16 * MIB).kernel();
        // only 8 frames, all owned by the kernel: the page array cannot grow the heap
        Machine m = new Machine(Arch.IA32, List.of(new RamBank(0, 0x8000)), List.of(),
                List.of(new MemRegion("all", 0, 0x8000, PageFlags.OWNER_KERNEL)), List.of(), layout, null);
        assertThrows(BootException.class, () -> SimKernel.boot(m));
        assertThrows(IllegalArgumentException.class, () -> Machine.standard(Arch.IA32, 3 * MIB));
    }
}
