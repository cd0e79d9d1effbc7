package org.vmscope.model.check;

import java.util.Arrays;

/**
 * The free blocks the buddy lists describe (§3.1.2-3.1.3): each head aligned to its size, every page of the
 * block inside the array and free, no two blocks overlapping, and every free page inside some listed block.
 * A block spanning a physical hole is a warning: {@code _page_initSizes} judges by array adjacency (§3.1.1).
 */
final class FreeBlockChecks {
    private FreeBlockChecks() {
    }

    static void run(PageArrayState s, BuddyListChecks.Lists lists, ProblemSink sink) {
        int n = s.count();
        int[] coveredBy = new int[n];
        Arrays.fill(coveredBy, -1);
        long budget = 4L * n + 64;
        int[] listOf = lists.listOf();
        for (int head = 0; head < n; head++) {
            int order = listOf[head];
            if (order < 0) {
                continue;
            }
            budget -= block(s, head, order, coveredBy, sink, budget);
            if (budget < 0) {
                sink.add(ProblemCode.CHECK_LIMIT_REACHED, "free blocks", "overlapping blocks exceed the work limit");
                return;
            }
        }
        if (lists.corrupt()) {
            return; // a broken list hides its tail: unlisted free pages would only echo that
        }
        unlisted(s, coveredBy, sink);
    }

    /** Checks one listed block; returns the pages examined. */
    private static long block(PageArrayState s, int head, int order, int[] coveredBy, ProblemSink sink, long budget) {
        if (order < s.pageShift) {
            sink.add(ProblemCode.PAGE_BLOCK_NOT_FREE, s.subject(head), "listed on sizes[%d], below one page", order);
            return 1;
        }
        if (order < 63 && (s.addr[head] & ((1L << order) - 1)) != 0) {
            sink.add(ProblemCode.PAGE_BLOCK_MISALIGNED, s.subject(head), "free block of 2^%d bytes not aligned to it",
                    order);
        }
        long pages = order - s.pageShift >= 62 ? Long.MAX_VALUE : 1L << (order - s.pageShift);
        if (head + pages > s.count()) {
            sink.add(ProblemCode.PAGE_BLOCK_NOT_FREE, s.subject(head),
                    "free block of %d pages runs past the end of the page array", pages);
            pages = s.count() - head;
        }
        pages = Math.min(pages, Math.max(budget, 1));
        boolean notFree = false;
        boolean overlap = false;
        boolean hole = false;
        for (long k = 0; k < pages; k++) {
            int j = (int) (head + k);
            // the head's own flag is the buddy list check's (PAGE_LISTED_NOT_FREE)
            if (!notFree && k > 0 && !s.isFree(j)) {
                sink.add(ProblemCode.PAGE_BLOCK_NOT_FREE, s.subject(j), "inside the free 2^%d block at index %d",
                        order, head);
                notFree = true;
            }
            if (coveredBy[j] >= 0) {
                if (!overlap) {
                    sink.add(ProblemCode.PAGE_BLOCKS_OVERLAP, s.subject(j),
                            "in the free block at index %d and in the one at index %d", coveredBy[j], head);
                    overlap = true;
                }
            } else {
                coveredBy[j] = head;
            }
            if (!hole && s.addr[j] != s.addr[head] + k * s.pageSize()) {
                sink.add(ProblemCode.PAGE_BLOCK_SPANS_HOLE, s.subject(head),
                        "free 2^%d block spans a physical hole before index %d (array adjacency, §3.1.1)", order, j);
                hole = true;
            }
        }
        return pages;
    }

    private static void unlisted(PageArrayState s, int[] coveredBy, ProblemSink sink) {
        int i = 0;
        while (i < s.count()) {
            if (!s.isFree(i) || coveredBy[i] >= 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < s.count() && s.isFree(j) && coveredBy[j] < 0) {
                j++;
            }
            sink.add(ProblemCode.PAGE_FREE_UNLISTED, s.subject(i), "%d free page(s) from here are in no listed block",
                    j - i);
            i = j;
        }
    }
}
