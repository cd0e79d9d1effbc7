package org.vmscope.model.page;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PageFlagsTest {

    @Test
    void markerTableMatchesReference() {
        // phoenix-vm.md §2.2: owner rows B / KYCPMSHK... / A / U; '.' for free.
        assertEquals('B', PageFlags.marker(0x00));
        assertEquals('B', PageFlags.marker(0x30));
        assertEquals('K', PageFlags.marker(0x02));
        assertEquals('Y', PageFlags.marker(0x12));
        assertEquals('C', PageFlags.marker(0x22));
        assertEquals('P', PageFlags.marker(0x32));
        assertEquals('M', PageFlags.marker(0x42));
        assertEquals('S', PageFlags.marker(0x52));
        assertEquals('H', PageFlags.marker(0x62));
        assertEquals('K', PageFlags.marker(0x72));
        assertEquals('K', PageFlags.marker(0xf2));
        assertEquals('A', PageFlags.marker(0x04));
        assertEquals('A', PageFlags.marker(0x64));
        assertEquals('U', PageFlags.marker(0x06));
        assertEquals('U', PageFlags.marker(0x66));
        assertEquals('.', PageFlags.marker(0x01));
        assertEquals('.', PageFlags.marker(0x63));
    }

    @Test
    void constantsHaveReferenceValues() {
        assertEquals(0x01, PageFlags.FREE);
        assertEquals(0x02, PageFlags.OWNER_KERNEL);
        assertEquals(0x04, PageFlags.OWNER_APP);
        assertEquals(0x10, PageFlags.KERNEL_SYSPAGE);
        assertEquals(0x20, PageFlags.KERNEL_CPU);
        assertEquals(0x30, PageFlags.KERNEL_PTABLE);
        assertEquals(0x40, PageFlags.KERNEL_PMAP);
        assertEquals(0x50, PageFlags.KERNEL_STACK);
        assertEquals(0x60, PageFlags.KERNEL_HEAP);
        assertEquals(3, PageFlags.owner(0x66));
        assertEquals(6, PageFlags.usage(0x66));
    }
}
