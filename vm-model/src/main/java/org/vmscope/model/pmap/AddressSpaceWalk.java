package org.vmscope.model.pmap;

import java.util.List;

/**
 * The result of walking a whole root (or a VA window of it): the merged mapped ranges in VA order and
 * the problems met.
 *
 * @param entriesVisited entries decoded (the walk is capped; see {@code truncated})
 * @param truncated      whether the entry cap stopped the walk early
 */
public record AddressSpaceWalk(PagingRoot root, long vaFirst, long vaLast, List<MappedRange> ranges,
        List<WalkProblem> problems, long entriesVisited, boolean truncated) {

    public AddressSpaceWalk {
        ranges = List.copyOf(ranges);
        problems = List.copyOf(problems);
    }

    /** Total mapped bytes. */
    public long mappedBytes() {
        long n = 0;
        for (MappedRange r : ranges) {
            n += r.size();
        }
        return n;
    }

    /** Every VA mapping physical address {@code pa}. */
    public List<Long> virtualAddressesOf(long pa) {
        return new ReverseMap(List.of(this)).virtualAddresses(pa);
    }
}
