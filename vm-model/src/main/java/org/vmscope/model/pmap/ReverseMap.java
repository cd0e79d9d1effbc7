package org.vmscope.model.pmap;

import java.util.ArrayList;
import java.util.List;

/** Physical → virtual lookups over the ranges of one or more walks (e.g. TTBR0 and TTBR1 halves). */
public final class ReverseMap {
    private final List<MappedRange> ranges;

    public ReverseMap(List<AddressSpaceWalk> walks) {
        List<MappedRange> all = new ArrayList<>();
        for (AddressSpaceWalk w : walks) {
            all.addAll(w.ranges());
        }
        all.sort((a, b) -> Long.compareUnsigned(a.pa(), b.pa()));
        this.ranges = List.copyOf(all);
    }

    /** All VAs that translate to {@code pa}, ascending (unsigned). */
    public List<Long> virtualAddresses(long pa) {
        List<Long> out = new ArrayList<>();
        for (MappedRange r : rangesMapping(pa)) {
            out.add(r.va() + (pa - r.pa()));
        }
        out.sort(Long::compareUnsigned);
        return out;
    }

    /** The ranges whose physical span contains {@code pa}. */
    public List<MappedRange> rangesMapping(long pa) {
        List<MappedRange> out = new ArrayList<>();
        for (MappedRange r : ranges) {
            if (Long.compareUnsigned(r.pa(), pa) > 0) {
                break;
            }
            if (r.containsPa(pa)) {
                out.add(r);
            }
        }
        return out;
    }

    /** All ranges, ordered by physical address. */
    public List<MappedRange> ranges() {
        return ranges;
    }
}
