package org.vmscope.model.page;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code _page_showPages}: the page map the kernel prints at boot, lines prefixed {@code vm: } and wrapped at
 * 80 columns. Runs of 5 or more identical markers print as {@code [N<c>]}, gaps of 4 or more pages (counted
 * from address 0) as {@code [Nx]}; shorter ones as repeated characters.
 */
public final class BootPageMap {
    private static final int TTY_COLS = 80;
    private static final String PREFIX = "vm: ";

    private final List<String> lines = new ArrayList<>();
    private final StringBuilder buf = new StringBuilder(PREFIX);

    private BootPageMap() {
    }

    /** The lines the kernel would print for {@code pages} now. */
    public static List<String> lines(PageAllocator pages) {
        BootPageMap m = new BootPageMap();
        m.print(pages);
        return m.lines;
    }

    private void print(PageAllocator pages) {
        long pageSize = pages.pageSize();
        long a = 0;
        int n = pages.pageCount();
        int i = 0;
        while (i < n) {
            long addr = pages.addrAt(i);
            if (Long.compareUnsigned(addr, a) > 0) {
                long rep = ((addr - a) & 0xffffffffL) / pageSize; // (unsigned int) in C
                if (rep >= 4) {
                    put("[" + rep + "x]");
                } else {
                    for (int k = 0; k < rep; k++) {
                        put("x");
                    }
                }
            }
            char c = PageFlags.marker(pages.flagsAt(i));
            int rep = 0;
            while (i + rep + 1 < n) {
                int j = i + rep + 1;
                if (PageFlags.marker(pages.flagsAt(j)) != c || pages.addrAt(j) - pages.addrAt(j - 1) > pageSize) {
                    break;
                }
                rep++;
            }
            if (rep >= 4) {
                put("[" + (rep + 1) + c + "]");
            } else {
                for (int k = 0; k <= rep; k++) {
                    put(String.valueOf(c));
                }
            }
            a = pages.addrAt(i + rep) + pageSize;
            i += rep + 1;
        }
        if (buf.length() > PREFIX.length()) {
            lines.add(buf.toString());
        }
    }

    /** Appends a token, first flushing the line when it would pass the 80th column. */
    private void put(String token) {
        if (buf.length() + token.length() > TTY_COLS) {
            lines.add(buf.toString());
            buf.setLength(0);
            buf.append(PREFIX);
        }
        buf.append(token);
    }
}
