package org.vmscope.ui.views;

import java.util.ArrayList;
import java.util.List;

import org.vmscope.core.PageTableSpace;
import org.vmscope.core.TargetSession;
import org.vmscope.model.pmap.MappedRange;
import org.vmscope.model.pmap.PageTableWalker;
import org.vmscope.model.pmap.PagingRoot;

/** Page-table walks of a session's address spaces, for the links between views (VA to frames and back). */
final class Walks {

    private Walks() {
    }

    /** The address space with hardware page tables of {@code pid}, or null. */
    static PageTableSpace space(TargetSession s, long pid) {
        for (PageTableSpace p : s.pageTableSpaces()) {
            if (p.pid() == pid) {
                return p;
            }
        }
        return null;
    }

    /** Every merged range of {@code space}, all roots. */
    static List<MappedRange> ranges(TargetSession s, PageTableSpace space) {
        PageTableWalker walker = new PageTableWalker(s.physicalMemory());
        List<MappedRange> out = new ArrayList<>();
        for (PagingRoot root : space.roots()) {
            out.addAll(walker.walk(root).ranges());
        }
        return out;
    }

    /** The frames {@code [pa, bytes]} the VAs {@code [va, va+bytes)} of {@code pid} are mapped to now. */
    static List<long[]> frames(TargetSession s, long pid, long va, long bytes) {
        PageTableSpace space = space(s, pid);
        List<long[]> out = new ArrayList<>();
        if (space == null) {
            return out;
        }
        for (MappedRange r : ranges(s, space)) {
            if (overlaps(r.va(), r.size(), va, bytes)) {
                long from = Long.compareUnsigned(r.va(), va) >= 0 ? r.va() : va;
                // last addresses, not ends: a range may reach the top of a 64-bit space
                long rLast = r.va() + r.size() - 1;
                long last = Long.compareUnsigned(rLast, va + bytes - 1) <= 0 ? rLast : va + bytes - 1;
                out.add(new long[] { r.pa() + (from - r.va()), last - from + 1 });
            }
        }
        return out;
    }

    /** Whether {@code [a, a+aBytes)} and {@code [b, b+bBytes)} share an address (unsigned). */
    static boolean overlaps(long a, long aBytes, long b, long bBytes) {
        return aBytes != 0 && bBytes != 0 && Long.compareUnsigned(a, b + bBytes - 1) <= 0
                && Long.compareUnsigned(b, a + aBytes - 1) <= 0;
    }

    /** Whether any of {@code spans} overlaps {@code [a, a+bytes)}. */
    static boolean overlapsAny(List<long[]> spans, long a, long bytes) {
        for (long[] sp : spans) {
            if (overlaps(sp[0], sp[1], a, bytes)) {
                return true;
            }
        }
        return false;
    }
}
