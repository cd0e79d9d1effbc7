package org.vmscope.model.state.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.vmscope.model.page.PageFlags;
import org.vmscope.model.page.PageRun;

/**
 * The page array of one picture as a run-length table: maximal runs of physically adjacent frames whose
 * {@code page_t.flags} are equal, in address order. Three primitive arrays, so a 4 GiB target's million pages
 * cost a few runs, not a million objects. Immutable.
 *
 * <p>The table is the value of the model's {@code PageRunTable} data type: EMF writes it with {@link #toString()}
 * and reads it with {@link #valueOf(String)}. The text is {@code p<pageShift>} followed by one
 * {@code <addr>:<count>:<flags>} token per run, all hexadecimal, separated by single spaces, e.g.
 * {@code p12 0:9f:2 100000:40:2}.
 */
public final class PageRunTable {
    /** No pages (NOMMU targets, or no page array read). */
    public static final PageRunTable EMPTY = new PageRunTable(12, new long[0], new long[0], new int[0]);

    /** More runs than this in one text is refused as corrupt: 2^26 runs would be a 256 GiB target, fully fragmented. */
    private static final int MAX_RUNS = 1 << 26;

    private final int pageShift;
    private final long[] addr;
    private final long[] count;
    private final int[] flags;
    private final long pages;

    private PageRunTable(int pageShift, long[] addr, long[] count, int[] flags) {
        this.pageShift = pageShift;
        this.addr = addr;
        this.count = count;
        this.flags = flags;
        long n = 0;
        for (long c : count) {
            n += c;
        }
        this.pages = n;
    }

    /**
     * A table from runs in address order (as {@link org.vmscope.model.page.PageAllocator#runsByFlags()} gives);
     * adjacent runs with equal flags are merged.
     *
     * @throws IllegalArgumentException when runs overlap, are out of order, unaligned or empty
     */
    public static PageRunTable of(int pageShift, List<PageRun> runs) {
        Builder b = new Builder(pageShift);
        for (PageRun r : runs) {
            b.add(r.addr(), r.count(), r.flags());
        }
        return b.build();
    }

    /** Collects runs in address order; see {@link #of}. */
    public static final class Builder {
        private final int pageShift;
        private long[] addr = new long[16];
        private long[] count = new long[16];
        private int[] flags = new int[16];
        private int n;

        public Builder(int pageShift) {
            if (pageShift < 1 || pageShift > 30) {
                throw new IllegalArgumentException("page shift " + pageShift + " out of range");
            }
            this.pageShift = pageShift;
        }

        /** Appends {@code pages} frames from {@code a} with {@code f} flags, merging with the previous run if it continues it. */
        public Builder add(long a, long pages, int f) {
            long size = 1L << pageShift;
            if (pages <= 0 || (a & (size - 1)) != 0 || (f & ~0xffff) != 0) {
                throw new IllegalArgumentException(String.format("bad run 0x%x+%d flags 0x%x", a, pages, f));
            }
            if (n > 0) {
                long end = addr[n - 1] + (count[n - 1] << pageShift);
                if (Long.compareUnsigned(a, end) < 0) {
                    throw new IllegalArgumentException(String.format("run at 0x%x overlaps or precedes the previous one", a));
                }
                if (a == end && flags[n - 1] == f) {
                    count[n - 1] += pages;
                    return this;
                }
            }
            if (n == MAX_RUNS) {
                throw new IllegalArgumentException("more than " + MAX_RUNS + " runs");
            }
            if (n == addr.length) {
                int cap = Math.min(MAX_RUNS, n * 2);
                addr = Arrays.copyOf(addr, cap);
                count = Arrays.copyOf(count, cap);
                flags = Arrays.copyOf(flags, cap);
            }
            addr[n] = a;
            count[n] = pages;
            flags[n] = f;
            n++;
            return this;
        }

        public PageRunTable build() {
            return new PageRunTable(pageShift, Arrays.copyOf(addr, n), Arrays.copyOf(count, n), Arrays.copyOf(flags, n));
        }
    }

    // ------------------------------------------------------------------ reading

    public int pageShift() {
        return pageShift;
    }

    public long pageSize() {
        return 1L << pageShift;
    }

    /** Number of runs. */
    public int size() {
        return addr.length;
    }

    /** Physical address of run {@code i}'s first frame. */
    public long addr(int i) {
        return addr[i];
    }

    /** Frames in run {@code i}. */
    public long count(int i) {
        return count[i];
    }

    /** {@code page_t.flags} shared by run {@code i}'s frames. */
    public int flags(int i) {
        return flags[i];
    }

    /** End of run {@code i} (exclusive). */
    public long end(int i) {
        return addr[i] + (count[i] << pageShift);
    }

    /** {@code pmap_marker} of run {@code i}. */
    public char marker(int i) {
        return PageFlags.marker(flags[i]);
    }

    /** Frames described, in all runs. */
    public long pageCount() {
        return pages;
    }

    /** Frames whose marker is {@code marker} ('.' counts free frames). */
    public long pages(char marker) {
        long s = 0;
        for (int i = 0; i < addr.length; i++) {
            if (marker(i) == marker) {
                s += count[i];
            }
        }
        return s;
    }

    /** Frames per marker, markers in character order. */
    public Map<Character, Long> pagesByMarker() {
        Map<Character, Long> out = new TreeMap<>();
        for (int i = 0; i < addr.length; i++) {
            out.merge(marker(i), count[i], Long::sum);
        }
        return out;
    }

    /** The run holding the frame at {@code paddr}, or -1. */
    public int indexOf(long paddr) {
        int lo = 0;
        int hi = addr.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(paddr, addr[mid]) < 0) {
                hi = mid - 1;
            } else if (Long.compareUnsigned(paddr, end(mid)) >= 0) {
                lo = mid + 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /** The flags of the frame at {@code paddr}, or -1 outside every run. */
    public int flagsAt(long paddr) {
        int i = indexOf(paddr);
        return i < 0 ? -1 : flags[i];
    }

    /** The runs as {@link PageRun}s, split where flags differ. */
    public List<PageRun> runs() {
        List<PageRun> out = new ArrayList<>(addr.length);
        for (int i = 0; i < addr.length; i++) {
            out.add(new PageRun(addr[i], count[i], marker(i), flags[i]));
        }
        return out;
    }

    /**
     * The runs as {@code vm_pageinfo} reports them (what {@code PageAllocator.runs()} gives): adjacent runs with
     * the same marker merged, keeping the first run's flags.
     */
    public List<PageRun> runsByMarker() {
        List<PageRun> out = new ArrayList<>();
        for (int i = 0; i < addr.length; i++) {
            PageRun last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last.marker() == marker(i) && last.addr() + (last.count() << pageShift) == addr[i]) {
                out.set(out.size() - 1, new PageRun(last.addr(), last.count() + count[i], last.marker(), last.flags()));
            } else {
                out.add(new PageRun(addr[i], count[i], marker(i), flags[i]));
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ text form

    /** The serialized form (see the class comment); EMF stores this in snapshots. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(8 + addr.length * 16);
        sb.append('p').append(pageShift);
        for (int i = 0; i < addr.length; i++) {
            sb.append(' ').append(Long.toHexString(addr[i])).append(':').append(Long.toHexString(count[i])).append(':')
                    .append(Integer.toHexString(flags[i]));
        }
        return sb.toString();
    }

    /**
     * Parses {@link #toString()}'s form; EMF calls this when a snapshot is read.
     *
     * @throws IllegalArgumentException with what is wrong, for any malformed text
     */
    public static PageRunTable valueOf(String text) {
        if (text == null || !text.startsWith("p")) {
            throw new IllegalArgumentException("page run table must start with p<pageShift>");
        }
        int sp = text.indexOf(' ');
        String head = sp < 0 ? text.substring(1) : text.substring(1, sp);
        int shift;
        try {
            shift = Integer.parseInt(head);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad page shift '" + head + "' in page run table");
        }
        Builder b = new Builder(shift);
        int pos = sp;
        int run = 0;
        while (pos >= 0 && pos < text.length()) {
            int next = text.indexOf(' ', pos + 1);
            String tok = next < 0 ? text.substring(pos + 1) : text.substring(pos + 1, next);
            int c1 = tok.indexOf(':');
            int c2 = c1 < 0 ? -1 : tok.indexOf(':', c1 + 1);
            if (c1 <= 0 || c2 < 0 || tok.indexOf(':', c2 + 1) >= 0) {
                throw new IllegalArgumentException("page run " + run + " '" + clip(tok) + "' is not addr:count:flags");
            }
            try {
                long a = Long.parseUnsignedLong(tok.substring(0, c1), 16);
                long n = Long.parseLong(tok.substring(c1 + 1, c2), 16);
                int f = Integer.parseInt(tok.substring(c2 + 1), 16);
                if (n > (1L << 40)) {
                    throw new IllegalArgumentException(n + " pages is too many");
                }
                b.add(a, n, f);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("page run " + run + " '" + clip(tok) + "': bad number");
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("page run " + run + ": " + e.getMessage());
            }
            pos = next;
            run++;
        }
        return b.build();
    }

    private static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PageRunTable t && t.pageShift == pageShift && Arrays.equals(t.addr, addr)
                && Arrays.equals(t.count, count) && Arrays.equals(t.flags, flags);
    }

    @Override
    public int hashCode() {
        return (31 * pageShift + Arrays.hashCode(addr)) * 31 + Arrays.hashCode(flags);
    }
}
