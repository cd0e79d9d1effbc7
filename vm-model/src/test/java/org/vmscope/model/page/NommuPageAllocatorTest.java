package org.vmscope.model.page;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NommuPageAllocatorTest {

    @Test
    void initAccountingMatchesPageNommu() {
        // 512-byte pages, 12-byte tokens; map ends 64 KiB after bss; bss is 0x100 past __bss_start.
        NommuPageAllocator a = new NommuPageAllocator(9, 12, 0x20000000L, 0x20000100L, 0x20010100L);
        assertEquals(128, a.tokenCount());                       // 64 KiB / 512
        assertEquals(0x20000100L + 128 * 12, a.bssAfter());
        assertEquals(0x100 + 128 * 12, a.allocBytes());          // bss_after_array - __bss_start
        assertEquals(0x10000 - 128 * 12, a.freeBytes());
        assertEquals(0, a.bootBytes());
    }

    @Test
    void tokensAreLifoAndAccountRoundedSizes() {
        NommuPageAllocator a = new NommuPageAllocator(9, 12, 0, 0, 4 * 512);
        long free0 = a.freeBytes();
        int t0 = a.alloc(600);   // idx 10 -> 1024 bytes
        int t1 = a.alloc(512);   // idx 9
        assertEquals(0, t0);
        assertEquals(1, t1);
        assertEquals(10, a.idx(t0));
        assertEquals(free0 - 1536, a.freeBytes());
        a.free(t0);
        assertEquals(t0, a.queueHead(), "LIFO");
        assertEquals(t0, a.alloc(1));
        assertEquals(0, a.idx(t0));
        a.alloc(1);
        a.alloc(1);
        assertEquals(-1, a.alloc(1), "queue empty after 4 tokens");
    }
}
