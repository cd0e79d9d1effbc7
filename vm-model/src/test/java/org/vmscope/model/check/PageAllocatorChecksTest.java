package org.vmscope.model.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vmscope.model.check.CheckFixture.assertCodes;
import static org.vmscope.model.check.CheckFixture.assertNames;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vmscope.model.page.Page;
import org.vmscope.model.page.PageAllocator;
import org.vmscope.model.page.PageFlags;

class PageAllocatorChecksTest {
    private CheckFixture f;
    private PageArrayState s;

    @BeforeEach
    void healthy() throws Exception {
        f = CheckFixture.soft().typicalOps();
        // Single pages freed out of order leave several unmergeable heads on list 12.
        List<Page> held = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            held.add(f.k.pages().alloc(0x1000, PageFlags.OWNER_KERNEL));
        }
        for (int i = 0; i < 8; i += 2) {
            f.k.pages().free(held.get(i));
        }
        s = PageArrayState.of(f.k.pages());
        assertEquals(List.of(), Checks.pageAllocator(s));
        assertTrue(members(12).size() >= 4, "list 12 has several heads");
    }

    /** The pages on list {@code order}, head first (following next from the healthy state). */
    private List<Integer> members(int order) {
        List<Integer> out = new ArrayList<>();
        int h = s.heads[order];
        for (int c = h; c >= 0 && (out.isEmpty() || c != h); c = s.next[c]) {
            out.add(c);
        }
        return out;
    }

    private int nonEmptyList(int minOrder) {
        for (int o = minOrder; o < s.listCount(); o++) {
            if (s.heads[o] >= 0) {
                return o;
            }
        }
        throw new AssertionError("no list at or above " + minOrder);
    }

    @Test
    void cyclicBuddyListIsReportedNotLoopedOn() {
        List<Integer> l = members(12);
        int second = l.get(1);
        int last = l.get(l.size() - 1);
        s.next[last] = second; // the tail skips the head and loops back into the list
        List<Problem> ps = Checks.pageAllocator(s);
        assertCodes(ps, ProblemCode.PAGE_BUDDY_LIST_CORRUPT);
        assertNames(ps, ProblemCode.PAGE_BUDDY_LIST_CORRUPT, s.subject(second));
    }

    @Test
    void selfLoopInsideAListIsReported() {
        List<Integer> l = members(12);
        int third = l.get(2);
        s.next[third] = third;
        s.prev[third] = third;
        List<Problem> ps = Checks.pageAllocator(s);
        assertCodes(ps, ProblemCode.PAGE_BUDDY_LIST_CORRUPT);
        assertNames(ps, ProblemCode.PAGE_BUDDY_LIST_CORRUPT, s.subject(third));
    }

    @Test
    void nullNextLinkIsReported() {
        int h = members(12).get(0);
        s.next[h] = PageArrayState.NIL;
        List<Problem> ps = Checks.pageAllocator(s);
        assertCodes(ps, ProblemCode.PAGE_BUDDY_LIST_CORRUPT);
        assertNames(ps, ProblemCode.PAGE_BUDDY_LIST_CORRUPT, s.subject(h));
    }

    @Test
    void pageOnTwoListsIsReported() {
        int h = members(12).get(1);
        int empty = s.listCount() - 1; // no 2 GiB block on a 16 MiB machine
        assertEquals(PageArrayState.NIL, s.heads[empty]);
        s.heads[empty] = h;
        List<Problem> ps = Checks.pageAllocator(s);
        assertCodes(ps, ProblemCode.PAGE_IN_TWO_LISTS);
        assertNames(ps, ProblemCode.PAGE_IN_TWO_LISTS, s.subject(h));
    }

    @Test
    void listedPageWithoutFreeFlagIsReported() {
        int h = members(12).get(0);
        s.flags[h] = PageFlags.OWNER_KERNEL | PageFlags.KERNEL_HEAP; // the flag word says "kernel heap"
        List<Problem> ps = Checks.pageAllocator(s);
        // the flag also makes allocsz disagree with the array: both facts are reported
        assertCodes(ps, ProblemCode.PAGE_LISTED_NOT_FREE, ProblemCode.PAGE_ALLOC_MISMATCH);
        assertNames(ps, ProblemCode.PAGE_LISTED_NOT_FREE, s.subject(h));
    }

    @Test
    void listedPageWithWrongIdxIsReported() {
        int h = members(12).get(1);
        s.idx[h] = 13;
        List<Problem> ps = Checks.pageAllocator(s);
        assertCodes(ps, ProblemCode.PAGE_LIST_IDX_MISMATCH);
        assertNames(ps, ProblemCode.PAGE_LIST_IDX_MISMATCH, s.subject(h));
    }

    @Test
    void allocatedPageInsideAFreeBlockIsReported() {
        int o = nonEmptyList(14);
        int h = s.heads[o];
        s.flags[h + 1] = PageFlags.OWNER_KERNEL | PageFlags.KERNEL_HEAP;
        List<Problem> ps = Checks.pageAllocator(s);
        assertCodes(ps, ProblemCode.PAGE_BLOCK_NOT_FREE, ProblemCode.PAGE_ALLOC_MISMATCH);
        assertNames(ps, ProblemCode.PAGE_BLOCK_NOT_FREE, s.subject(h + 1));
    }

    @Test
    void lostListLeavesUnlistedFreePages() {
        int o = nonEmptyList(14);
        assertEquals(1, members(o).size(), "a list with one block");
        int h = s.heads[o];
        s.heads[o] = PageArrayState.NIL;
        List<Problem> ps = Checks.pageAllocator(s);
        assertCodes(ps, ProblemCode.PAGE_FREE_UNLISTED);
        assertNames(ps, ProblemCode.PAGE_FREE_UNLISTED, s.subject(h));
        assertTrue(ps.get(0).message().startsWith((1 << (o - 12)) + " free page(s)"), ps.get(0).message());
    }

    @Test
    void countersAreRecomputedFromTheArray() {
        s.totalsz += 0x1000;
        assertCodes(Checks.pageAllocator(s), ProblemCode.PAGE_TOTAL_MISMATCH);
        s.totalsz -= 0x1000;
        s.allocsz -= 0x1000;
        assertCodes(Checks.pageAllocator(s), ProblemCode.PAGE_ALLOC_MISMATCH);
        s.allocsz += 0x1000;
        s.bootsz += 0x1000;
        assertCodes(Checks.pageAllocator(s), ProblemCode.PAGE_BOOT_MISMATCH);
    }

    @Test
    void bootBytesMatchTheEbdaBiosAndRomOfThePc() {
        // independent oracle: the ia32 machine's B regions are EBDA 0x9F000-0xA0000 (1 page, clipped by the
        // VGA hole), BIOS 0xF0000-0x100000 (16 pages) and ROM 0xFFFC0000-4 GiB (64 pages)
        assertEquals((1 + 16 + 64) * 0x1000L, s.bootsz);
    }

    @Test
    void unsortedArrayIsReported() {
        s.addr[3] = s.addr[2]; // an allocated page between allocated neighbours
        List<Problem> ps = Checks.pageAllocator(s);
        assertCodes(ps, ProblemCode.PAGE_ARRAY_UNSORTED);
        assertNames(ps, ProblemCode.PAGE_ARRAY_UNSORTED, s.subject(3));
    }

    // ------------------------------------------------------------------ small hand-built arrays

    /** Eight free pages at 1 MiB in one 32 KiB block (order 15). */
    private static PageArrayState eightFree() {
        PageAllocator pa = new PageAllocator(12, 4, 16, 8);
        for (int i = 0; i < 8; i++) {
            pa.discover(0x100000 + i * 0x1000L, PageFlags.FREE);
        }
        pa.initSizes();
        return PageArrayState.of(pa);
    }

    @Test
    void misalignedBlockIsReported() {
        PageArrayState t = eightFree();
        assertEquals(List.of(), Checks.pageAllocator(t));
        assertEquals(0, t.heads[15]);
        for (int i = 0; i < 8; i++) {
            t.addr[i] += 0x1000; // the array's base decoded one page off: the block is no longer aligned
        }
        List<Problem> ps = Checks.pageAllocator(t);
        assertCodes(ps, ProblemCode.PAGE_BLOCK_MISALIGNED);
        assertNames(ps, ProblemCode.PAGE_BLOCK_MISALIGNED, "page_t @0x00101000 (index 0)");
    }

    @Test
    void overlappingBlocksAreReported() {
        PageArrayState t = eightFree();
        // a stray 8 KiB block at index 4, inside the 32 KiB block at index 0
        t.heads[13] = 4;
        t.next[4] = 4;
        t.prev[4] = 4;
        t.idx[4] = 13;
        List<Problem> ps = Checks.pageAllocator(t);
        assertCodes(ps, ProblemCode.PAGE_BLOCKS_OVERLAP);
        assertNames(ps, ProblemCode.PAGE_BLOCKS_OVERLAP, "page_t @0x00104000 (index 4)");
    }

    @Test
    void blockAcrossAPhysicalHoleIsOnlyAWarning() {
        // _page_initSizes judges by array adjacency (§3.1.1): frames 0, 0x1000, 0x5000, 0x6000 form one block
        PageAllocator pa = new PageAllocator(12, 4, 16, 4);
        for (long a : new long[] {0, 0x1000, 0x5000, 0x6000}) {
            pa.discover(a, PageFlags.FREE);
        }
        pa.initSizes();
        List<Problem> ps = Checks.pageAllocator(PageArrayState.of(pa));
        assertCodes(ps, ProblemCode.PAGE_BLOCK_SPANS_HOLE);
        assertEquals(Severity.WARNING, ps.get(0).severity());
        assertEquals("page_t @0x00000000 (index 0)", ps.get(0).subject());
    }
}
