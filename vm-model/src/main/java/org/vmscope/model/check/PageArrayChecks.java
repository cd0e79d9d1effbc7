package org.vmscope.model.check;

/**
 * The page array and the counters of {@code pages_info} (§3.1, §3.1.5): addresses strictly increasing and
 * aligned; {@code totalsz}, {@code allocsz} and {@code bootsz} equal to the sums recomputed from the array.
 */
final class PageArrayChecks {
    private PageArrayChecks() {
    }

    static void run(PageArrayState s, ProblemSink sink) {
        sorted(s, sink);
        counters(s, sink);
    }

    static void sorted(PageArrayState s, ProblemSink sink) {
        long mask = s.pageSize() - 1;
        for (int i = 0; i < s.count(); i++) {
            if ((s.addr[i] & mask) != 0) {
                sink.add(ProblemCode.PAGE_ARRAY_UNSORTED, s.subject(i), "frame address is not page aligned");
            } else if (i > 0 && Long.compareUnsigned(s.addr[i], s.addr[i - 1]) <= 0) {
                sink.add(ProblemCode.PAGE_ARRAY_UNSORTED, s.subject(i), "address not above the previous page_t's 0x%x",
                        s.addr[i - 1]);
            }
        }
    }

    static void counters(PageArrayState s, ProblemSink sink) {
        long page = s.pageSize();
        long total = s.count() * page;
        long alloc = 0;
        long boot = 0;
        for (int i = 0; i < s.count(); i++) {
            if (!s.isFree(i)) {
                alloc += page;
                // owner bits 1-2 == BOOT; only boot discovery produces such non-free pages
                if (((s.flags[i] >> 1) & 3) == 0) {
                    boot += page;
                }
            }
        }
        if (s.totalsz != total) {
            sink.add(ProblemCode.PAGE_TOTAL_MISMATCH, "pages_info.totalsz", "is %d, %d page_t entries describe %d",
                    s.totalsz, s.count(), total);
        }
        if (s.allocsz != alloc) {
            sink.add(ProblemCode.PAGE_ALLOC_MISMATCH, "pages_info.allocsz", "is %d, the non-free pages sum to %d",
                    s.allocsz, alloc);
        }
        if (s.bootsz != boot) {
            sink.add(ProblemCode.PAGE_BOOT_MISMATCH, "pages_info.bootsz", "is %d, the non-free boot pages sum to %d",
                    s.bootsz, boot);
        }
    }
}
