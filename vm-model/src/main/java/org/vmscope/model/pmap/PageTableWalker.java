package org.vmscope.model.pmap;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.vmscope.model.phys.MemoryAccessException;
import org.vmscope.model.phys.PhysReader;

/**
 * Walks page tables of any {@link PageTableFormat} through a {@link PhysReader} only, so the simulator and
 * the live mirror share it. A walker caches every table it reads by physical address: one walker per
 * target stop reads each table once, however many walks it serves. Walks are bounded (entry cap, cycle
 * detection, RAM checks before every read) and report problems instead of throwing.
 */
public final class PageTableWalker {
    /** Default cap on entries decoded by one full walk. */
    public static final long DEFAULT_MAX_ENTRIES = 1L << 22;
    /** Problems kept per walk; the rest are counted in one final note. */
    public static final int MAX_PROBLEMS = 1000;

    private final PhysReader reader;
    private final long maxEntries;
    private final Map<TableKey, Loaded> cache = new HashMap<>();
    private int tablesRead;

    public PageTableWalker(PhysReader reader) {
        this(reader, DEFAULT_MAX_ENTRIES);
    }

    public PageTableWalker(PhysReader reader, long maxEntries) {
        if (reader == null || maxEntries <= 0) {
            throw new IllegalArgumentException("reader and a positive entry cap are required");
        }
        this.reader = reader;
        this.maxEntries = maxEntries;
    }

    /** Tables actually read from the reader (cache misses) so far. */
    public int tablesRead() {
        return tablesRead;
    }

    /** Forgets cached tables (the target ran, or the simulator wrote tables). */
    public void invalidate() {
        cache.clear();
    }

    private record TableKey(long pa, int bytes) {
    }

    private record Loaded(long[] entries, WalkProblem.Kind failure, String message) {
    }

    private Loaded load(PageTableFormat format, long pa, int level) {
        int bytes = format.geometry().tableBytes(level);
        TableKey key = new TableKey(pa, bytes);
        Loaded l = cache.get(key);
        if (l != null) {
            return l;
        }
        if (!reader.isRam(pa, bytes)) {
            l = new Loaded(null, WalkProblem.Kind.TABLE_OUTSIDE_RAM,
                    String.format("table [0x%x, +0x%x) is outside RAM", pa, bytes));
        } else {
            try {
                byte[] data = reader.read(pa, bytes);
                tablesRead++;
                if (data == null || data.length != bytes) {
                    l = new Loaded(null, WalkProblem.Kind.READ_FAILED, "short read of table");
                } else {
                    long[] entries = new long[format.geometry().entries(level)];
                    for (int i = 0; i < entries.length; i++) {
                        entries[i] = format.entryAt(data, i);
                    }
                    l = new Loaded(entries, null, "");
                }
            } catch (MemoryAccessException e) {
                l = new Loaded(null, WalkProblem.Kind.READ_FAILED, e.getMessage());
            } catch (RuntimeException e) {
                // A reader bug must not escape a walk; it is shown as a failed read.
                l = new Loaded(null, WalkProblem.Kind.READ_FAILED, "reader failed: " + e);
            }
        }
        cache.put(key, l);
        return l;
    }

    private static PageEntry decode(PageTableFormat format, long raw, int level) {
        try {
            return format.decode(raw, level);
        } catch (RuntimeException e) {
            return PageEntry.reserved(level, raw, format.geometry().shift(level), "undecodable: " + e.getMessage());
        }
    }

    private static WalkProblem.Kind failureKind(Loaded l, boolean root) {
        return root && l.failure() == WalkProblem.Kind.TABLE_OUTSIDE_RAM ? WalkProblem.Kind.ROOT_OUTSIDE_RAM
                : l.failure();
    }

    /** Narrows leaf attributes by the rights the tables above allow. */
    private static int restrictAttr(int attr, int limit) {
        int denied = PageEntry.ALL_RIGHTS & ~limit;
        return attr & ~denied;
    }

    private static int restrictUser(int userRights, int limit) {
        return (limit & PageAttr.USER) == 0 ? 0 : userRights & limit & PageEntry.RIGHTS;
    }

    /** Walks one VA from {@code root}, recording every level. */
    public Translation translate(PagingRoot root, long va) {
        PageTableFormat f = root.format();
        PagingGeometry g = f.geometry();
        List<WalkStep> steps = new ArrayList<>();
        List<WalkProblem> problems = new ArrayList<>();
        if (!g.translates(va)) {
            problems.add(new WalkProblem(WalkProblem.Kind.NOT_TRANSLATED, va, -1, root.tablePa(), 0,
                    "VA outside the region " + f.name() + " translates"));
            return new Translation(root, va, steps, false, 0, -1, 0, 0, null, problems);
        }
        long table = root.tablePa();
        int limit = PageEntry.ALL_RIGHTS;
        List<Long> path = new ArrayList<>();
        for (int level = 0; level <= g.lastLevel(); level++) {
            if (path.contains(table)) {
                problems.add(new WalkProblem(WalkProblem.Kind.CYCLE, va, level, table, 0,
                        String.format("table 0x%x is already on this walk's path", table)));
                return new Translation(root, va, steps, false, 0, level, 0, 0, null, problems);
            }
            path.add(table);
            Loaded l = load(f, table, level);
            if (l.entries() == null) {
                problems.add(new WalkProblem(failureKind(l, level == 0), va, level, table, 0, l.message()));
                return new Translation(root, va, steps, false, 0, level, 0, 0, null, problems);
            }
            int idx = g.index(va, level);
            long raw = l.entries()[idx];
            PageEntry e = decode(f, raw, level);
            steps.add(new WalkStep(level, table, idx, table + (long) idx * g.entryBytes(), e));
            switch (e.kind()) {
                case TABLE -> {
                    limit &= e.attr();
                    table = e.pa();
                }
                case LEAF -> {
                    long pa = e.pa() + (va & (e.leafSize() - 1));
                    return new Translation(root, va, steps, true, pa, -1, restrictAttr(e.attr(), limit),
                            restrictUser(e.userRights(), limit), e, problems);
                }
                case RESERVED -> {
                    problems.add(new WalkProblem(WalkProblem.Kind.RESERVED_ENTRY, va, level, table, raw, e.note()));
                    return new Translation(root, va, steps, false, 0, level, 0, 0, null, problems);
                }
                default -> {
                    return new Translation(root, va, steps, false, 0, level, 0, 0, null, problems);
                }
            }
        }
        // Unreachable with a well-formed format: the last level never decodes as TABLE.
        problems.add(new WalkProblem(WalkProblem.Kind.RESERVED_ENTRY, va, g.lastLevel(), table, 0,
                "table pointer at the last level"));
        return new Translation(root, va, steps, false, 0, g.lastLevel(), 0, 0, null, problems);
    }

    /** Walks everything {@code root} translates. */
    public AddressSpaceWalk walk(PagingRoot root) {
        PagingGeometry g = root.format().geometry();
        return walk(root, g.firstVa(), g.lastVa());
    }

    /** Walks the VAs {@code [vaFirst, vaLast]} (inclusive, unsigned) of {@code root}. */
    public AddressSpaceWalk walk(PagingRoot root, long vaFirst, long vaLast) {
        FullWalk w = new FullWalk(root, vaFirst, vaLast);
        if (Long.compareUnsigned(vaFirst, vaLast) <= 0) {
            w.visit(0, root.tablePa(), 0, PageEntry.ALL_RIGHTS);
        }
        return w.result();
    }

    /** Every VA of {@code root} that maps {@code pa}. */
    public List<Long> reverse(PagingRoot root, long pa) {
        return walk(root).virtualAddressesOf(pa);
    }

    private final class FullWalk {
        private final PagingRoot root;
        private final PageTableFormat f;
        private final PagingGeometry g;
        private final long vaFirst;
        private final long vaLast;
        private final List<MappedRange> ranges = new ArrayList<>();
        private final List<WalkProblem> problems = new ArrayList<>();
        private final Deque<Long> path = new ArrayDeque<>();
        private int droppedProblems;
        private long visited;
        private boolean truncated;
        // The range being grown.
        private long curVa;
        private long curPa;
        private long curSize;
        private int curAttr;
        private int curUser;
        private CacheType curCache;
        private boolean curGlobal;

        FullWalk(PagingRoot root, long vaFirst, long vaLast) {
            this.root = root;
            this.f = root.format();
            this.g = f.geometry();
            this.vaFirst = vaFirst;
            this.vaLast = vaLast;
        }

        void problem(WalkProblem p) {
            if (problems.size() < MAX_PROBLEMS) {
                problems.add(p);
            } else {
                droppedProblems++;
            }
        }

        void visit(int level, long tablePa, long baseOffset, int limit) {
            Loaded l = load(f, tablePa, level);
            if (l.entries() == null) {
                problem(new WalkProblem(failureKind(l, level == 0), g.canonical(baseOffset), level, tablePa, 0,
                        l.message()));
                return;
            }
            path.push(tablePa);
            int shift = g.shift(level);
            long span = 1L << shift;
            int first = level == 0 ? g.firstTopIndex() : 0;
            long[] entries = l.entries();
            for (int idx = first; idx < entries.length && !truncated; idx++) {
                long offset = baseOffset + ((long) idx << shift);
                long va = g.canonical(offset);
                long last = va + span - 1;
                if (Long.compareUnsigned(last, vaFirst) < 0 || Long.compareUnsigned(va, vaLast) > 0) {
                    continue;
                }
                if (++visited > maxEntries) {
                    truncated = true;
                    problem(new WalkProblem(WalkProblem.Kind.LIMIT_REACHED, va, level, tablePa, 0,
                            "entry cap " + maxEntries + " reached; walk is partial"));
                    break;
                }
                long raw = entries[idx];
                PageEntry e = decode(f, raw, level);
                switch (e.kind()) {
                    case LEAF -> leaf(va, last, offset, e, limit);
                    case TABLE -> {
                        if (path.contains(e.pa())) {
                            problem(new WalkProblem(WalkProblem.Kind.CYCLE, va, level, e.pa(), raw,
                                    String.format("entry points back at table 0x%x on its own path", e.pa())));
                        } else if (level < g.lastLevel()) {
                            visit(level + 1, e.pa(), offset, limit & e.attr());
                        }
                    }
                    case RESERVED -> problem(new WalkProblem(WalkProblem.Kind.RESERVED_ENTRY, va, level, tablePa,
                            raw, e.note()));
                    default -> {
                    }
                }
            }
            path.pop();
        }

        void leaf(long va, long last, long offset, PageEntry e, int limit) {
            long start = Long.compareUnsigned(va, vaFirst) < 0 ? vaFirst : va;
            long end = Long.compareUnsigned(last, vaLast) > 0 ? vaLast : last;
            long pa = e.pa() + (offset & (e.leafSize() - 1)) + (start - va);
            long size = end - start + 1;
            int attr = restrictAttr(e.attr(), limit);
            int user = restrictUser(e.userRights(), limit);
            if (curSize != 0 && curVa + curSize == start && curPa + curSize == pa && curAttr == attr
                    && curUser == user && curCache == e.cache() && curGlobal == e.global()) {
                curSize += size;
                return;
            }
            flush();
            curVa = start;
            curPa = pa;
            curSize = size;
            curAttr = attr;
            curUser = user;
            curCache = e.cache();
            curGlobal = e.global();
        }

        void flush() {
            if (curSize != 0) {
                ranges.add(new MappedRange(curVa, curPa, curSize, curAttr, curUser, curCache, curGlobal));
                curSize = 0;
            }
        }

        AddressSpaceWalk result() {
            flush();
            if (droppedProblems > 0) {
                problems.add(new WalkProblem(WalkProblem.Kind.LIMIT_REACHED, 0, -1, root.tablePa(), 0,
                        droppedProblems + " more problems not listed"));
            }
            return new AddressSpaceWalk(root, vaFirst, vaLast, ranges, problems, visited, truncated);
        }
    }
}
