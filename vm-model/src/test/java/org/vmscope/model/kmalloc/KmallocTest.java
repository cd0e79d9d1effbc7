package org.vmscope.model.kmalloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.junit.jupiter.api.Test;
import org.vmscope.model.Arch;
import org.vmscope.model.kernel.Machine;
import org.vmscope.model.kernel.SimKernel;
import org.vmscope.model.page.PageFlags;
import org.vmscope.model.zone.VmZone;
import org.vmscope.model.zone.ZoneAllocator;

class KmallocTest {

    private static SimKernel boot() throws Exception {
        return SimKernel.boot(Machine.standard(Arch.IA32, 16 << 20));
    }

    @Test
    void firstZoneHoldsSixtyFourHeaderBlocks() throws Exception {
        SimKernel k = boot();
        Kmalloc km = k.kmalloc();
        assertEquals(6, km.hdridx());
        assertEquals(64, km.firstzone().blocks());
        assertEquals(64, km.hdrblocks());
        assertEquals(0, km.allocBytes());
        assertSame(km.firstzone(), km.sizes(6));
        assertEquals(PageFlags.OWNER_KERNEL | PageFlags.KERNEL_HEAP, km.firstzone().pages().flags());
    }

    @Test
    void zoneFreeListIsThreadedThroughRam() throws Exception {
        SimKernel k = boot();
        VmZone z = k.kmalloc().firstzone();
        byte[] w = k.phys().read(z.pages().addr(), 4);
        assertEquals(z.vaddr() + 64, ByteBuffer.wrap(w).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL);
        byte[] last = k.phys().read(z.pages().addr() + 63 * 64, 4);
        assertEquals(0, ByteBuffer.wrap(last).order(ByteOrder.LITTLE_ENDIAN).getInt());
    }

    @Test
    void smallAllocationsShareOnePageZone() throws Exception {
        SimKernel k = boot();
        Kmalloc km = k.kmalloc();
        long a = km.kmalloc(10);
        long b = km.kmalloc(16);
        assertEquals(a + 16, b);
        VmZone z = km.zoneOf(a);
        assertEquals(256, z.blocks(), "4096 / 16");
        assertEquals(2, z.used());
        // one header block (64) + two 16-byte blocks
        assertEquals(64 + 32, km.allocBytes());
        assertEquals(63, km.hdrblocks());
        assertEquals(z.vaddr() + 32, z.first());
    }

    @Test
    void pageSizedAllocationsGetOneBlockZonesDestroyedOnFree() throws Exception {
        SimKernel k = boot();
        Kmalloc km = k.kmalloc();
        long pages = k.pages().allocBytes();
        int entries = k.kmap().entries().size();
        long p = km.kmalloc(5000); // class 13: 8 KiB, one block
        assertNotEquals(0, p);
        VmZone z = km.zoneOf(p);
        assertEquals(1, z.blocks());
        assertEquals(13, z.pages().idx());
        assertEquals(pages + 0x2000, k.pages().allocBytes());
        assertEquals(64 + 8192, km.allocBytes());
        km.kfree(p);
        assertNull(km.zoneOf(p));
        assertEquals(0, km.allocBytes(), "zone and its header block are freed");
        assertEquals(64, km.hdrblocks());
        assertEquals(pages, k.pages().allocBytes());
        assertEquals(entries, k.kmap().entries().size());
    }

    @Test
    void fullZonesMoveToTheUsedList() throws Exception {
        SimKernel k = boot();
        Kmalloc km = k.kmalloc();
        long first = km.kmalloc(2048); // 2 blocks per zone
        km.kmalloc(2048);
        VmZone z = km.zoneOf(first);
        assertSame(z, km.used());
        assertNull(km.sizes(11));
        km.kfree(first);
        assertSame(z, km.sizes(11));
        assertNull(km.used());
    }

    @Test
    void lastHeaderBlockIsKeptInReserve() throws Exception {
        SimKernel k = boot();
        Kmalloc km = k.kmalloc();
        for (int i = 0; i < 62; i++) {
            km.kmalloc(64);
        }
        assertEquals(2, km.hdrblocks());
        km.kmalloc(64);
        assertEquals(1, km.hdrblocks(), "63 used");
        // the next request first adds a header zone (max(16, 4096/64) = 64 blocks) described by the reserved
        // block, which fills the first zone; then it is served from the new zone
        long p = km.kmalloc(64);
        assertSame(km.firstzone(), km.used());
        assertEquals(64, km.firstzone().used());
        VmZone z = km.zoneOf(p);
        assertEquals(64, z.blocks());
        assertEquals(1, z.used());
        assertEquals(63, km.hdrblocks());
        assertEquals(65 * 64, km.allocBytes());
    }

    @Test
    void oversizeAndBadZonesFail() throws Exception {
        SimKernel k = boot();
        assertEquals(0, k.kmalloc().kmalloc(8L << 20 | 1));
        ZoneAllocator zones = k.zones();
        assertEquals(-22, zones.create(new VmZone(0), 24, 4));
        assertEquals(-22, zones.create(new VmZone(0), 16, 0));
        VmZone z = new VmZone(0);
        assertEquals(0, zones.create(z, 16, 4));
        long b = zones.zalloc(z);
        assertEquals(-16, zones.destroy(z), "EBUSY while in use");
        zones.zfree(z, b + 0x100000); // outside: ignored
        assertEquals(1, z.used());
        zones.zfree(z, b);
        assertEquals(0, zones.destroy(z));
    }
}
