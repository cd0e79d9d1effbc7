package org.vmscope.model.psh;

import java.util.List;

import org.vmscope.model.kernel.SimKernel;
import org.vmscope.model.map.EntryInfo;
import org.vmscope.model.map.Mman;
import org.vmscope.model.page.PageAllocator;
import org.vmscope.model.page.PageRun;

/**
 * The psh {@code mem} applet's output (phoenix-rtos-utils {@code psh/mem/mem.c}, phoenix-vm.md §5.2),
 * computed from the model instead of the {@code meminfo} syscall. Output is byte-exact, newline included.
 */
public final class PshMem {

    private PshMem() {
    }

    /**
     * {@code mem} without arguments:
     * {@code (<(alloc-boot)/1024>+<boot/1024>)/<(alloc+free)/1024>KB <total-free>/<total> entries}.
     */
    public static String summary(SimKernel k) {
        return summary(k.allocBytes(), k.freeBytes(), k.bootBytes(), k.entryPool().total(), k.entryPool().free());
    }

    /** The summary line from raw meminfo values (printed with {@code %d} of 32-bit unsigned fields). */
    public static String summary(long alloc, long free, long boot, long entriesTotal, long entriesFree) {
        return String.format("(%d+%d)/%dKB %d/%d entries%n", asInt((alloc - boot) / 1024), asInt(boot / 1024),
                asInt((alloc + free) / 1024), asInt(entriesTotal - entriesFree), asInt(entriesTotal))
                .replace(System.lineSeparator(), "\n");
    }

    /** {@code %d} of an {@code unsigned int}: the low 32 bits, read as signed. */
    private static int asInt(long v) {
        return (int) v;
    }

    /** {@code mem -p}: the page runs on one line, or {@code mem: Page view unavailable} on NOMMU. */
    public static String pages(SimKernel k) {
        PageAllocator p = k.pages();
        if (p == null) {
            return "mem: Page view unavailable\n";
        }
        return pages(p.runs(), p.pageShift()) + "\n";
    }

    /**
     * The {@code mem -p} text of a run list, without the newline: between runs a physical gap of N pages
     * prints {@code [Nx]} when N > 3, else N {@code x}; a run prints {@code [N<c>]} when longer than 3, else
     * the marker repeated. No gap is printed before the first run.
     */
    public static String pages(List<PageRun> runs, int pageShift) {
        StringBuilder sb = new StringBuilder();
        PageRun prev = null;
        for (PageRun r : runs) {
            if (prev != null) {
                // (p->addr - prev->addr) / _PAGE_SIZE - prev->count, in unsigned int
                long n = (((r.addr() - prev.addr()) >>> pageShift) - prev.count()) & 0xffffffffL;
                if (n > 3) {
                    sb.append('[').append(n).append("x]");
                } else {
                    for (long i = 0; i < n; i++) {
                        sb.append('x');
                    }
                }
            }
            long c = r.count() & 0xffffffffL;
            if (c > 3) {
                sb.append('[').append(c).append(r.marker()).append(']');
            } else {
                for (long i = 0; i < c; i++) {
                    sb.append(r.marker());
                }
            }
            prev = r;
        }
        return sb.toString();
    }

    /**
     * {@code mem -m}: the entry table, header first, rows in <em>descending</em> address order. Columns:
     * {@code start:end} as Phoenix {@code %p} (zero-padded hex, no 0x), {@code rwx} of the current prot,
     * flags {@code C P F A} (only C and F can occur), the offset ({@code %16llx}, blank for none) and the object
     * ({@code (anonymous)}, {@code mem}, or {@code port.id}, with {@code /(<anonsz>KB)} when it has an amap).
     *
     * @param pointerBytes 4 or 8: the width of {@code %p} and of the SEGMENT column
     */
    public static String map(List<EntryInfo> entries, int pointerBytes) {
        StringBuilder sb = new StringBuilder();
        int segWidth = 4 * pointerBytes + 1;
        sb.append(String.format("%-" + segWidth + "s  PROT  FLAGS  %16s  OBJECT\n", "SEGMENT", "OFFSET"));
        for (int i = entries.size() - 1; i >= 0; i--) {
            EntryInfo e = entries.get(i);
            sb.append(pointer(e.vaddr(), pointerBytes)).append(':').append(pointer(e.vaddr() + e.size() - 1, pointerBytes));
            sb.append(String.format("  %-4s  %-5s", protText(e.prot()), flagsText(e.flags())));
            if (e.offs() != Mman.OFFS_MAX) {
                sb.append(String.format("  %16x", e.offs()));
            } else {
                sb.append(String.format("  %16s", ""));
            }
            sb.append("  ").append(objectText(e));
            sb.append('\n');
        }
        return sb.toString();
    }

    /** psh's OBJECT column: {@code (anonymous)}, {@code mem}, or {@code port.id}, then {@code /(NKB)} of anons. */
    public static String objectText(EntryInfo e) {
        String s = switch (e.objectKind()) {
            case EntryInfo.OBJECT_ANONYMOUS -> "(anonymous)";
            case EntryInfo.OBJECT_MEMORY -> "mem";
            default -> e.oidPort() + "." + Long.toUnsignedString(e.oidId());
        };
        if (e.objectKind() != EntryInfo.OBJECT_ANONYMOUS && e.anonsz() != -1) {
            s += "/(" + Long.divideUnsigned(e.anonsz(), 1024) + "KB)";
        }
        return s;
    }

    /** psh's PROT column: {@code rwx} with {@code -} for a missing right. */
    public static String protText(int prot) {
        return new String(new char[] {
            (prot & Mman.PROT_READ) != 0 ? 'r' : '-',
            (prot & Mman.PROT_WRITE) != 0 ? 'w' : '-',
            (prot & Mman.PROT_EXEC) != 0 ? 'x' : '-' });
    }

    /** psh's FLAGS column: C (needs copy), P (private, 0 on Phoenix so never set), F (fixed), A (anonymous). */
    public static String flagsText(int flags) {
        return new String(new char[] {
            (flags & Mman.MAP_NEEDSCOPY) != 0 ? 'C' : ' ',
            Mman.MAP_PRIVATE != 0 && (flags & Mman.MAP_PRIVATE) != 0 ? 'P' : ' ',
            (flags & Mman.MAP_FIXED) != 0 ? 'F' : ' ',
            (flags & Mman.MAP_ANONYMOUS) != 0 ? 'A' : ' ' });
    }

    /** Phoenix libc {@code %p}: zero-padded lower-case hex of the pointer width, without 0x. */
    private static String pointer(long v, int pointerBytes) {
        if (pointerBytes == 4) {
            return String.format("%08x", v & 0xffffffffL);
        }
        return String.format("%016x", v);
    }

    /** {@code mem -m PID} for a pid that does not exist (printed on stderr). */
    public static String processNotFound(long pid) {
        return "mem: process with pid " + Long.toUnsignedString(pid & 0xffffffffL) + " not found\n";
    }

    /** {@code mem -s} on an MMU target, which has no shared maps. */
    public static String noSharedMaps() {
        return "mem: no shared memory maps are present\n";
    }

    /**
     * {@code mem -s}: on MMU targets {@link #noSharedMaps()}; on NOMMU the totals over every shared map, then
     * each map with a non-zero size: its id and name, size, allocated bytes (the sum of its entries' sizes),
     * free bytes, and the physical and virtual ranges (equal on NOMMU, {@code 0x%p} of the exclusive ends).
     */
    public static String shared(SimKernel k) {
        List<MapInfo> maps = MapInfo.of(k);
        return maps.isEmpty() ? noSharedMaps() : shared(maps);
    }

    /** The {@code mem -s} text of the {@code mapinfo_t} records, as psh prints them (tabs included). */
    public static String shared(List<MapInfo> maps) {
        long total = 0;
        long free = 0;
        for (MapInfo m : maps) {
            total += m.alloc() + m.free();
            free += m.free();
        }
        StringBuilder sb = new StringBuilder("All maps:\n");
        sb.append("\tTotal: ").append(human(total)).append(" (").append(total).append(" bytes)\n");
        sb.append("\tFree:  ").append(human(free)).append(" (").append(free).append(" bytes)\n");
        for (MapInfo m : maps) {
            if (m.alloc() == 0 && m.free() == 0) {
                continue;
            }
            long size = m.alloc() + m.free();
            sb.append("\nMap #").append(m.id()).append(": ").append(m.name()).append('\n');
            sb.append("\tSize:     ").append(human(size)).append(" (").append(size).append(" bytes)\n");
            sb.append("\tAlloc:    ").append(human(m.alloc())).append(" (").append(m.alloc()).append(" bytes)\n");
            sb.append("\tFree:     ").append(human(m.free())).append(" (").append(m.free()).append(" bytes)\n");
            sb.append("\tPhysical: 0x").append(pointer(m.pstart(), 4)).append(":0x").append(pointer(m.pend(), 4))
                    .append('\n');
            sb.append("\tVirtual:  0x").append(pointer(m.vstart(), 4)).append(":0x").append(pointer(m.vend(), 4))
                    .append('\n');
        }
        return sb.toString();
    }

    /** psh's {@code bytes2humanReadable}: divide by 1024 while the quotient is non-zero, at most to GiB. */
    static String human(long bytes) {
        String[] suffix = {"B", "KiB", "MiB", "GiB"};
        long b = bytes;
        int i = 0;
        for (; i < 3 && Long.divideUnsigned(b, 1024) != 0; i++) {
            b = Long.divideUnsigned(b, 1024);
        }
        return Long.toUnsignedString(b) + " " + suffix[i];
    }

    /** {@code mem -m kernel}: the kernel map's entries. */
    public static String kernelMap(SimKernel k) {
        return map(k.kmap().info(), k.arch().pointerBytes());
    }
}
