package org.vmscope.model.map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.vmscope.model.map.MapFixture.R;
import static org.vmscope.model.map.MapFixture.RAM;
import static org.vmscope.model.map.MapFixture.RW;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.vmscope.model.object.VmObject;
import org.vmscope.model.page.PageFlags;
import org.vmscope.model.pmap.PageAttr;

class VmMapTest {
    private static final int RW_ATTR = PageAttr.PRESENT | PageAttr.READ | PageAttr.WRITE | PageAttr.USER;

    @Test
    void findOnAnEmptyMapReturnsTheHintOrStart() {
        MapFixture f = new MapFixture();
        assertEquals(0x5000, f.map.find(0x5000, 0x2000).vaddr());
        assertEquals(0x1000, f.map.find(0, 0x1000).vaddr());
        assertNull(f.map.find(0xBFFFF000L, 0x2000), "hint + size beyond stop");
        assertNull(f.map.find(0, 0xC0001000L), "larger than the map");
    }

    @Test
    void anonymousMmapPopulatesZeroedAppPagesEagerly() throws Exception {
        MapFixture f = new MapFixture();
        f.phys.write(RAM, new byte[] {1, 2, 3});
        long v = f.map.mmap(0, null, 0x3000, RW, null, -1, 0);
        assertEquals(0x1000, v);
        MapEntry e = f.map.entryAt(0x1000);
        assertEquals(0x3000, e.size());
        assertNotNull(e.amap());
        assertEquals(116, e.amap().size(), "(512 - 48) / 4 slots");
        assertEquals(3 * 0x1000L, f.pages.allocBytes());
        assertEquals(3, f.pmap.ptes.size());
        // lowest blocks first: frames RAM, RAM+0x1000, RAM+0x2000, mapped with the mmap prot's attributes
        assertEquals(new FakePmap.Pte(RAM, RW_ATTR), f.pmap.ptes.get(0x1000L));
        assertEquals(new FakePmap.Pte(RAM + 0x2000, RW_ATTR), f.pmap.ptes.get(0x3000L));
        assertEquals(PageFlags.OWNER_APP, f.pages.get(RAM).flags());
        assertArrayEquals(new byte[3], f.phys.read(RAM, 3), "fresh anonymous pages are zeroed");
        assertEquals(1, f.used());
    }

    @Test
    void adjacentAnonymousMappingMergesLeft() {
        MapFixture f = new MapFixture();
        f.map.mmap(0, null, 0x3000, RW, null, -1, 0);
        assertEquals(0x4000, f.map.mmap(0, null, 0x2000, RW, null, -1, 0));
        List<MapEntry> es = f.map.entries();
        assertEquals(1, es.size());
        assertEquals(0x5000, es.get(0).size());
        assertEquals(5 * 0x1000L, es.get(0).amap().anonBytes(0x1000));
        assertEquals(1, f.used());
    }

    @Test
    void differentProtGetsItsOwnEntrySharingTheNeighboursAmap() {
        MapFixture f = new MapFixture();
        f.map.mmap(0, null, 0x3000, RW, null, -1, 0);
        assertEquals(0x4000, f.map.mmap(0, null, 0x1000, R, null, -1, 0));
        List<MapEntry> es = f.map.entries();
        assertEquals(2, es.size());
        assertSame(es.get(0).amap(), es.get(1).amap());
        assertEquals(0x3000, es.get(1).aoffs());
        assertEquals(2, es.get(0).amap().refs());
        // meminfo reports the whole amap's anons for both entries
        assertEquals(0x4000, f.map.info().get(0).anonsz());
        assertEquals(0x4000, f.map.info().get(1).anonsz());
        // the read-only page is mapped without WRITE
        assertEquals(PageAttr.PRESENT | PageAttr.READ | PageAttr.USER, f.pmap.ptes.get(0x4000L).attr());
    }

    @Test
    void munmapInTheMiddleSplitsAndFreesThePage() {
        MapFixture f = new MapFixture();
        f.map.mmap(0, null, 0x4000, RW, null, -1, 0);
        long before = f.pages.allocBytes();
        assertEquals(Errno.EOK, f.map.munmap(0x2000, 0x1000));
        List<MapEntry> es = f.map.entries();
        assertEquals(2, es.size());
        assertEquals(0x1000, es.get(0).vaddr());
        assertEquals(0x1000, es.get(0).size());
        assertEquals(0x3000, es.get(1).vaddr());
        assertEquals(0x2000, es.get(1).size());
        assertEquals(0x2000, es.get(1).aoffs(), "split then front trim: 0 + 0x1000 + 0x1000");
        assertEquals(before - 0x1000, f.pages.allocBytes());
        assertNull(f.pmap.ptes.get(0x2000L));
        assertEquals(2, f.used());
        // the upper part is the root's right child without a left child: its lmaxgap is the hole
        assertEquals(0x1000, es.get(1).lmaxgap());
    }

    @Test
    void munmapErrors() {
        MapFixture f = new MapFixture(64, 1, 0);
        f.map.mmap(0, null, 0x3000, RW, null, -1, 0);
        assertEquals(Errno.EINVAL, f.map.munmap(0x1800, 0x1000));
        assertEquals(Errno.EINVAL, f.map.munmap(0x2000, 0x800));
        assertEquals(Errno.ENOMEM, f.map.munmap(0x2000, 0x1000), "split needs a second pool entry");
        assertEquals(Errno.EOK, f.map.munmap(0x50000, 0x1000), "nothing mapped there");
        assertEquals(Errno.EOK, f.map.munmap(0x1000, 0x3000));
        assertEquals(0, f.used());
        assertEquals(0, f.pages.allocBytes());
    }

    @Test
    void mprotectSplitsAndReentersPopulatedPages() {
        MapFixture f = new MapFixture();
        f.map.mmap(0, null, 0x4000, RW, null, -1, 0);
        assertEquals(Errno.EOK, f.map.mprotect(0x2000, 0x1000, R));
        List<MapEntry> es = f.map.entries();
        assertEquals(3, es.size());
        assertEquals(RW, es.get(0).prot());
        assertEquals(R, es.get(1).prot());
        assertEquals(RW, es.get(1).protOrig());
        assertEquals(RW, es.get(2).prot());
        assertEquals(0x2000, es.get(2).size());
        assertEquals(PageAttr.PRESENT | PageAttr.READ | PageAttr.USER, f.pmap.ptes.get(0x2000L).attr());
        assertEquals(RW_ATTR, f.pmap.ptes.get(0x3000L).attr());
        assertEquals(3, f.used());
    }

    @Test
    void mprotectErrors() {
        MapFixture f = new MapFixture();
        f.map.mmap(0, null, 0x2000, RW, null, -1, 0);
        assertEquals(Errno.EACCES, f.map.mprotect(0x1000, 0x1000, RW | Mman.PROT_EXEC));
        assertEquals(Errno.ENOMEM, f.map.mprotect(0x2000, 0x2000, R), "range runs into a hole");
        assertEquals(Errno.EINVAL, f.map.mprotect(0x1000, 0, R));
        assertEquals(Errno.EINVAL, f.map.mprotect(0x1100, 0x1000, R));
        assertEquals(1, f.used(), "nothing changed");
    }

    @Test
    void forceErrors() {
        MapFixture f = new MapFixture();
        f.map.mmap(0, null, 0x1000, R, null, -1, 0);
        assertEquals(Errno.EFAULT, f.map.force(0x9000, Mman.PROT_READ));
        assertEquals(Errno.EINVAL, f.map.force(0x1000, Mman.PROT_WRITE));
        assertEquals(Errno.EOK, f.map.force(0x1000, Mman.PROT_READ));
    }

    @Test
    void physmemMapsFramesDirectlyInAndOutsideRam() {
        MapFixture f = new MapFixture();
        long v = f.map.mmap(0, null, 0x2000, RW, VmObject.PHYSMEM, RAM + 0x3000, 0);
        assertEquals(0x1000, v);
        assertEquals(RAM + 0x3000, f.pmap.resolve(0x1000));
        assertEquals(RAM + 0x4000, f.pmap.resolve(0x2000));
        assertEquals(0, f.pages.allocBytes(), "no page allocated");
        long dev = f.map.mmap(0, null, 0x1000, RW, VmObject.PHYSMEM, 0xFEC00000L, Mman.MAP_DEVICE);
        assertEquals(0x3000, dev);
        assertEquals(0xFEC00000L, f.pmap.resolve(0x3000));
        assertEquals(RW_ATTR | PageAttr.DEV, f.pmap.ptes.get(0x3000L).attr());
        EntryInfo info = f.map.info().get(0);
        assertEquals(EntryInfo.OBJECT_MEMORY, info.objectKind());
        assertEquals(RAM + 0x3000, info.offs());
        assertEquals(-1, info.anonsz());
        assertNull(f.map.mapMap(0, 0x1000, RW, VmObject.PHYSMEM, 0x123, 0), "unaligned offset");
    }

    @Test
    void kernelObjectRangesAreReservedOnly() {
        MapFixture f = new MapFixture();
        long v = f.map.mapFind(0, 0x2000, Mman.MAP_NOINHERIT, RW);
        assertEquals(0x1000, v);
        assertEquals(0, f.pmap.ptes.size());
        assertEquals(Errno.EINVAL, f.map.force(0x1000, Mman.PROT_READ), "kernel object has size 0");
        EntryInfo info = f.map.info().get(0);
        assertEquals(EntryInfo.OBJECT_OID, info.objectKind());
        assertEquals(Mman.OFFS_MAX, info.offs());
    }

    @Test
    void callerPagesAreMappedAsTheirWholeBlock() {
        MapFixture f = new MapFixture();
        var block = f.pages.alloc(0x3000, PageFlags.OWNER_KERNEL | PageFlags.KERNEL_HEAP); // 16 KiB block
        long v = f.map.mmap(0, block, 0x1000, RW, f.kernel, -1, 0);
        assertEquals(0x1000, v);
        assertEquals(0x4000, f.map.entryAt(0x1000).size(), "size replaced by 1 << idx");
        assertEquals(block.addr() + 0x3000, f.pmap.resolve(0x4000));
    }

    @Test
    void mapFixedReplacesTheRange() {
        MapFixture f = new MapFixture();
        f.map.mmap(0, null, 0x4000, RW, null, -1, 0);
        long v = f.map.mmap(0x2000, null, 0x1000, RW, null, -1, Mman.MAP_FIXED);
        assertEquals(0x2000, v);
        List<MapEntry> es = f.map.entries();
        assertEquals(3, es.size());
        assertEquals(Mman.MAP_FIXED, es.get(1).flags(), "flags differ: no merge");
    }

    @Test
    void pageTablesComeFromTheAllocatorAsPtablePages() {
        MapFixture f = new MapFixture(256, 64, 0x400000);
        f.map.mmap(0, null, 0x1000, RW, null, -1, 0);
        assertEquals(1, f.pmap.tableFrames.size());
        // the APP page is allocated first (RAM), then the table page (RAM + 0x1000)
        assertEquals(RAM + 0x1000, (long) f.pmap.tableFrames.get(0));
        assertEquals('P', f.pages.get(RAM + 0x1000).marker());
        f.map.mmap(0x400000, null, 0x1000, RW, null, -1, 0);
        assertEquals(2, f.pmap.tableFrames.size());
    }

    @Test
    void poolExhaustionFailsMmap() {
        MapFixture f = new MapFixture(64, 1, 0);
        f.map.mmap(0, null, 0x1000, RW, null, -1, 0);
        assertEquals(0, f.map.mmap(0x10000, null, 0x1000, R, null, -1, 0));
        assertEquals(1, f.map.entries().size());
    }

    @Test
    void failedPopulateUnmapsTheWholeRange() {
        MapFixture f = new MapFixture(4, 8, 0);
        assertEquals(0, f.map.mmap(0, null, 0x6000, RW, null, -1, 0), "only 4 frames");
        assertEquals(0, f.map.entries().size());
        assertEquals(0, f.pages.allocBytes());
        assertEquals(0, f.used());
    }

    @Test
    void badSizesReturnNull() {
        MapFixture f = new MapFixture();
        assertEquals(0, f.map.mmap(0, null, 0, RW, null, -1, 0));
        assertEquals(0, f.map.mmap(0, null, 0x1800, RW, null, -1, 0));
    }

    @Test
    void mprotectMergesFollowingEntriesWithEqualProtOrig() {
        MapFixture f = new MapFixture();
        f.map.mmap(0, null, 0x4000, RW, null, -1, 0);
        f.map.mprotect(0x2000, 0x1000, R);
        assertEquals(3, f.map.entries().size());
        // [0x1000,0x4000) back to RW: the second and third entries merge into the first, whose tail beyond
        // the range is split off again
        assertEquals(Errno.EOK, f.map.mprotect(0x1000, 0x3000, RW));
        List<MapEntry> es = f.map.entries();
        assertEquals(2, es.size());
        assertEquals(0x1000, es.get(0).vaddr());
        assertEquals(0x3000, es.get(0).size());
        assertEquals(0x4000, es.get(1).vaddr());
        assertEquals(0x1000, es.get(1).size());
        assertEquals(RW_ATTR, f.pmap.ptes.get(0x2000L).attr());
        assertEquals(2, f.used());
    }
}
