package org.vmscope.model.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class PageAllocatorTest {
    private static final int K = PageFlags.OWNER_KERNEL;
    private static final int KH = PageFlags.OWNER_KERNEL | PageFlags.KERNEL_HEAP;
    private static final int APP = PageFlags.OWNER_APP;

    /** A 32-bit, 4 KiB-page allocator over free frames {@code [base, base + n pages)}, sized. */
    private static PageAllocator freeRange(long base, int n) {
        PageAllocator a = new PageAllocator(12, 4, 16, n);
        for (int i = 0; i < n; i++) {
            a.discover(base + i * 0x1000L, PageFlags.FREE);
        }
        a.initSizes();
        return a;
    }

    private static List<Long> addrs(List<Page> pages) {
        return pages.stream().map(Page::addr).toList();
    }

    @Test
    void flagsAccumulateToU() {
        // §2.2: kernel heap 0x62, freed 0x63, allocated for an app -> 0x66 printed 'U'.
        PageAllocator a = freeRange(0x10000, 1);
        Page p = a.alloc(0x1000, KH);
        assertEquals(0x62, p.flags());
        assertEquals('H', p.marker());
        assertEquals(FreeResult.FREED, a.free(p));
        assertEquals(0x63, p.flags());
        assertEquals('.', p.marker());
        Page q = a.alloc(0x1000, APP);
        assertEquals(p, q);
        assertEquals(0x66, q.flags());
        assertEquals('U', q.marker());
    }

    @Test
    void initSizesBuildsMaximalAlignedBlocks() {
        // 0x3000..0x10fff: 0x3000 (order 12), 0x4000-0x7fff (14), 0x8000-0xffff (15), 0x10000 (12, last page)
        PageAllocator a = freeRange(0x3000, 14);
        assertEquals(List.of(0x3000L, 0x10000L), addrs(a.freeList(12)));
        assertEquals(List.of(0x4000L), addrs(a.freeList(14)));
        assertEquals(List.of(0x8000L), addrs(a.freeList(15)));
        assertEquals(14, a.listHead(14).idx());
        assertEquals(14 * 0x1000L, a.freeBytes());
    }

    @Test
    void splitKeepsLowerHalfAndListsUpperHalves() {
        PageAllocator a = freeRange(0x10000, 8); // one order-15 block
        assertEquals(List.of(0x10000L), addrs(a.freeList(15)));
        Page p = a.alloc(100, K);
        assertEquals(0x10000L, p.addr());
        assertEquals(12, p.idx());
        assertEquals(List.of(0x11000L), addrs(a.freeList(12)));
        assertEquals(List.of(0x12000L), addrs(a.freeList(13)));
        assertEquals(List.of(0x14000L), addrs(a.freeList(14)));
        assertEquals(List.of(), addrs(a.freeList(15)));
        assertEquals(0x1000L, a.allocBytes());
    }

    @Test
    void sizeRoundsUpToPowerOfTwo() {
        PageAllocator a = freeRange(0x10000, 8);
        Page p = a.alloc(0x1001, K);
        assertEquals(13, p.idx());
        assertEquals(0x2000L, a.allocBytes());
        assertEquals(K, a.pageAt(1).flags());
        assertEquals(PageFlags.FREE, a.pageAt(2).flags());
        assertNull(a.alloc(0x8001, K), "no 64 KiB block");
    }

    @Test
    void freeMergesLeftHalvesBackToOneBlock() {
        PageAllocator a = freeRange(0x10000, 8);
        Page p = a.alloc(0x1000, K);
        a.free(p);
        assertEquals(List.of(0x10000L), addrs(a.freeList(15)));
        assertEquals(15, p.idx());
        assertEquals(12, a.pageAt(1).idx(), "former right half gets idx log2(SIZE_PAGE)");
        for (int o = 12; o < 15; o++) {
            assertEquals(List.of(), a.freeList(o));
        }
        assertEquals(0, a.allocBytes());
    }

    @Test
    void mergeStopsWhenGrownBlockIsARightHalf() {
        // The kernel keeps its stale lh/rh variable: after one merge, a block that is the right half of
        // its parent is not merged with its left buddy (see PageAllocator#free).
        PageAllocator a = freeRange(0x10000, 4); // one order-14 block
        Page p0 = a.alloc(0x1000, K);
        Page p1 = a.alloc(0x1000, K);
        Page p2 = a.alloc(0x1000, K);
        Page p3 = a.alloc(0x1000, K);
        assertEquals(List.of(0x10000L, 0x11000L, 0x12000L, 0x13000L), List.of(p0.addr(), p1.addr(), p2.addr(), p3.addr()));
        a.free(p0);
        a.free(p1); // right half: lh = p0 -> merge to 0x10000/13
        assertEquals(List.of(0x10000L), addrs(a.freeList(13)));
        a.free(p2); // left half, buddy p3 busy
        a.free(p3); // right half: merges with p2 -> 0x12000/13, then stops (stale rh)
        assertEquals(List.of(0x10000L, 0x12000L), addrs(a.freeList(13)));
        assertEquals(List.of(), a.freeList(14));
        assertNull(a.alloc(0x4000, K), "16 KiB are free but not merged");
        assertEquals(0, a.allocBytes());
    }

    @Test
    void allocTakesListHeadInListOrder() {
        PageAllocator a = freeRange(0x10000, 8);
        Page p0 = a.alloc(0x1000, K); // 0x10000
        Page p1 = a.alloc(0x1000, K); // 0x11000
        a.free(p1); // right half, left busy: appended to list 12
        Page again = a.alloc(0x1000, K);
        assertEquals(0x11000L, again.addr());
        assertNotNull(p0);
    }

    @Test
    void doubleFreeIsReportedNotApplied() {
        PageAllocator a = freeRange(0x10000, 2);
        Page p = a.alloc(0x1000, K);
        assertEquals(FreeResult.FREED, a.free(p));
        long alloc = a.allocBytes();
        assertEquals(FreeResult.DOUBLE_FREE, a.free(p));
        assertEquals(alloc, a.allocBytes());
        assertEquals(FreeResult.IGNORED, a.free((Page) null));
        assertEquals(FreeResult.INVALID, a.free(99));
    }

    @Test
    void countersAndPageGetWithHoles() {
        PageAllocator a = new PageAllocator(12, 4, 16, 8);
        a.discover(0x0000, K);                 // kernel
        a.discover(0x1000, PageFlags.OWNER_BOOT); // boot
        a.discover(0x2000, PageFlags.FREE);
        a.discover(0x5000, PageFlags.FREE);    // hole 0x3000-0x4fff
        a.discover(0x6000, APP);
        a.initSizes();
        assertEquals(5 * 0x1000L, a.totalBytes());
        assertEquals(3 * 0x1000L, a.allocBytes());
        assertEquals(0x1000L, a.bootBytes());
        assertEquals(2 * 0x1000L, a.freeBytes());
        assertEquals(0, a.pageAt(0).idx());
        assertEquals(3, a.get(0x5abc).index());
        assertNull(a.get(0x3000));
        assertNull(a.get(0x7000));
        assertEquals(0, a.get(0).index());
        assertThrows(IllegalArgumentException.class, () -> new PageAllocator(12, 4, 16, 1).discover(0x123, 1));
    }

    @Test
    void initSizesAbsorbsHolesBetweenArrayNeighbours() {
        // §3.1.1 observation: only array adjacency counts.
        PageAllocator a = new PageAllocator(12, 4, 16, 4);
        a.discover(0x4000, PageFlags.FREE);
        a.discover(0x5000, PageFlags.FREE);
        a.discover(0x6000, PageFlags.FREE);
        a.discover(0x8000, PageFlags.FREE); // 0x7000 missing
        a.initSizes();
        assertEquals(List.of(0x4000L), addrs(a.freeList(14)));
    }

    @Test
    void runsFollowMarkersAndPhysicalGaps() {
        PageAllocator a = new PageAllocator(12, 4, 16, 8);
        a.discover(0x0000, K);
        a.discover(0x1000, K);
        a.discover(0x2000, PageFlags.FREE);
        a.discover(0x3000, PageFlags.FREE | PageFlags.OWNER_KERNEL);
        a.discover(0x8000, PageFlags.FREE);
        a.initSizes();
        assertEquals(List.of(new PageRun(0, 2, 'K', K), new PageRun(0x2000, 2, '.', 1), new PageRun(0x8000, 1, '.', 1)),
                a.runs());
        assertEquals(4, a.runsByFlags().size());
    }

    @Test
    void sixtyFourBitTargetsHaveSixtyFourLists() {
        PageAllocator a = new PageAllocator(12, 8, 32, 4);
        assertEquals(64, a.listCount());
    }
}
