package org.vmscope.bridge.mirror;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vmscope.model.Sizes;
import org.vmscope.model.phys.RamBank;

/**
 * The physical RAM of a live target: the only addresses the mirror may read. Banks are sorted and
 * touching or overlapping banks are merged, so a read spanning two adjacent QEMU regions is allowed.
 */
public record RamLayout(List<RamBank> banks) {

    /** Lines of {@code info mtree -f}: {@code 0000000040000000-00000000bfffffff (prio 0, ram): mach-virt.ram}. */
    private static final Pattern MTREE_REGION = Pattern.compile(
            "^\\s*([0-9a-fA-F]+)-([0-9a-fA-F]+) \\(prio -?\\d+, ([a-z/ -]+)\\): .*$");
    private static final Pattern MTREE_AS = Pattern.compile("^\\s*AS \"([^\"]*)\", root: (\\S+)");

    public RamLayout {
        banks = normalize(banks);
    }

    /** Whether {@code [pa, pa+length)} lies wholly in one (merged) bank. */
    public boolean contains(long pa, long length) {
        return bankOf(pa, length) != null;
    }

    /** The bank holding all of {@code [pa, pa+length)}, or null. */
    public RamBank bankOf(long pa, long length) {
        for (RamBank b : banks) {
            if (b.contains(pa, length)) {
                return b;
            }
        }
        return null;
    }

    public boolean isEmpty() {
        return banks.isEmpty();
    }

    /** Total bytes of RAM. */
    public long totalBytes() {
        long n = 0;
        for (RamBank b : banks) {
            n += b.size();
        }
        return n;
    }

    /**
     * The {@code ram} regions of the system address space ({@code AS "memory"}) in QEMU's
     * {@code info mtree -f} output. ROM, ROMD (flash) and I/O regions are not RAM.
     *
     * @throws IllegalArgumentException if the output has no system address space or no RAM in it
     */
    public static RamLayout fromMtree(String text) {
        List<RamBank> banks = new ArrayList<>();
        boolean inSystem = false;
        boolean sawSystem = false;
        for (String line : text.split("\r?\n")) {
            if (line.startsWith("FlatView")) {
                inSystem = false;
                continue;
            }
            Matcher as = MTREE_AS.matcher(line);
            if (as.find()) {
                if (as.group(1).equals("memory")) {
                    inSystem = true;
                    sawSystem = true;
                }
                continue;
            }
            if (!inSystem) {
                continue;
            }
            Matcher m = MTREE_REGION.matcher(line);
            if (m.matches() && m.group(3).equals("ram")) {
                long first = parseHex(m.group(1));
                long last = parseHex(m.group(2));
                if (Long.compareUnsigned(last, first) >= 0 && last - first + 1 != 0) {
                    banks.add(new RamBank(first, last - first + 1));
                }
            }
        }
        if (!sawSystem) {
            throw new IllegalArgumentException("no 'AS \"memory\"' flat view in the info mtree -f output");
        }
        if (banks.isEmpty()) {
            throw new IllegalArgumentException("no ram region in the system address space");
        }
        return new RamLayout(banks);
    }

    /**
     * Parses {@code BASE:SIZE[,BASE:SIZE...]}; numbers are hex with {@code 0x}, or decimal, and a size
     * may end in K, M or G.
     *
     * @throws IllegalArgumentException with a message naming the bad part
     */
    public static RamLayout parse(String spec) {
        List<RamBank> banks = new ArrayList<>();
        for (String part : spec.split(",")) {
            String p = part.trim();
            int colon = p.indexOf(':');
            if (colon <= 0 || colon == p.length() - 1) {
                throw new IllegalArgumentException("RAM range '" + p + "' is not BASE:SIZE");
            }
            long base = parseNumber(p.substring(0, colon));
            long size = parseNumber(p.substring(colon + 1));
            if (size <= 0) {
                throw new IllegalArgumentException("RAM range '" + p + "' has no size");
            }
            if (Long.compareUnsigned(base + size, base) < 0 && base + size != 0) {
                throw new IllegalArgumentException("RAM range '" + p + "' wraps the address space");
            }
            banks.add(new RamBank(base, size));
        }
        return new RamLayout(banks);
    }

    /**
     * A number as the command line spells it: {@code 0x40000000}, {@code 1073741824}, {@code 256M}.
     *
     * @throws IllegalArgumentException naming the bad text
     */
    public static long parseNumber(String text) {
        return Sizes.parse(text);
    }

    private static long parseHex(String digits) {
        return Long.parseUnsignedLong(digits, 16);
    }

    private static List<RamBank> normalize(List<RamBank> in) {
        List<RamBank> sorted = new ArrayList<>(in);
        sorted.sort((a, b) -> Long.compareUnsigned(a.base(), b.base()));
        List<RamBank> out = new ArrayList<>();
        for (RamBank b : sorted) {
            if (!out.isEmpty()) {
                RamBank prev = out.get(out.size() - 1);
                long prevEnd = prev.end();
                // touching or overlapping (a bank ending at 2^64 has end 0 and absorbs everything after it)
                if (prevEnd == 0 || Long.compareUnsigned(b.base(), prevEnd) <= 0) {
                    long end = b.end();
                    boolean longer = prevEnd != 0 && (end == 0 || Long.compareUnsigned(end, prevEnd) > 0);
                    if (longer) {
                        out.set(out.size() - 1, new RamBank(prev.base(), end - prev.base()));
                    }
                    continue;
                }
            }
            out.add(b);
        }
        return List.copyOf(out);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (RamBank b : banks) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(String.format("0x%x:0x%x", b.base(), b.size()));
        }
        return sb.toString();
    }
}
