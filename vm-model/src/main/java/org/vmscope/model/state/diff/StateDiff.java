package org.vmscope.model.state.diff;

import org.vmscope.model.page.PageFlags;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.vmscope.model.map.Mman;
import org.vmscope.model.state.AddressSpace;
import org.vmscope.model.state.EntryPool;
import org.vmscope.model.state.Kmalloc;
import org.vmscope.model.state.KmallocClass;
import org.vmscope.model.state.MapEntry;
import org.vmscope.model.state.MemoryObject;
import org.vmscope.model.state.State;
import org.vmscope.model.state.data.PageRunTable;

/**
 * What changed from one picture to another: pages allocated and freed by owner marker, address spaces added and
 * removed, map entries added, removed and changed, object references, kmalloc classes and the entry pool.
 *
 * <p>Pages are compared frame by frame through the two run tables: a frame free before and not after is
 * allocated (counted under its new marker), the reverse is freed (under its old marker), and an allocated frame
 * whose marker changed counts as both. A frame freed and allocated again with the same marker between the two
 * pictures is not seen. Address spaces are matched by pid, entries by start address, objects by name, kmalloc
 * classes by index.
 */
public final class StateDiff {

    /** Frames whose owner marker is {@code marker}, e.g. {@code 'A'}, allocated or freed. */
    public record PageChange(char marker, long pages, long bytes) {
        /** What the marker stands for, e.g. {@code app}, {@code page table}. */
        public String owner() {
            return PageFlags.markerOwner(marker);
        }
    }

    /** An address space present in only one picture. */
    public record Space(int pid, String name) {
    }

    public enum EntryChangeKind {
        ADDED, REMOVED, CHANGED
    }

    /**
     * One map entry added, removed or changed (same start, different fields).
     *
     * @param before null when added
     * @param after  null when removed
     * @param what   the changed fields, e.g. {@code prot rw- -> r--}; empty unless CHANGED
     */
    public record EntryChange(EntryChangeKind kind, int pid, String space, long vaddr, MapEntry before, MapEntry after,
            List<String> what) {
        public EntryChange {
            what = List.copyOf(what);
        }
    }

    /** An object whose references or cached pages changed; -1 where absent from a picture. */
    public record ObjectChange(String name, int refsBefore, int refsAfter, int cachedBefore, int cachedAfter) {
    }

    /** A kmalloc class whose blocks changed; zeros where absent from a picture. */
    public record ClassChange(int index, long blockSize, long usedBefore, long usedAfter, long totalBefore,
            long totalAfter) {
    }

    private final int pointerBytes;
    private final List<PageChange> allocated;
    private final List<PageChange> freed;
    private final long pagesOnlyBefore;
    private final long pagesOnlyAfter;
    private final boolean pageSizesDiffer;
    private final List<Space> spacesAdded = new ArrayList<>();
    private final List<Space> spacesRemoved = new ArrayList<>();
    private final List<EntryChange> entries = new ArrayList<>();
    private final List<ObjectChange> objects = new ArrayList<>();
    private final List<ClassChange> classes = new ArrayList<>();
    private final long kmallocBefore;
    private final long kmallocAfter;
    private final int poolUsedBefore;
    private final int poolUsedAfter;
    private final int poolTotal;

    private StateDiff(State a, State b) {
        pointerBytes = Math.max(a.getTarget().getPointerSize(), b.getTarget().getPointerSize());
        PageRunTable ra = a.getPhysicalMemory().getRuns();
        PageRunTable rb = b.getPhysicalMemory().getRuns();
        long ps = a.getTarget().getPageSize();
        pageSizesDiffer = ps != b.getTarget().getPageSize();
        Frames fr = pageSizesDiffer || ra == null || rb == null ? new Frames() : Frames.compare(ra, rb, ps);
        allocated = fr.list(fr.allocated, ps);
        freed = fr.list(fr.freed, ps);
        pagesOnlyBefore = fr.onlyA;
        pagesOnlyAfter = fr.onlyB;
        compareSpaces(a, b);
        compareObjects(a, b);
        Kmalloc ka = a.getKmalloc();
        Kmalloc kb = b.getKmalloc();
        kmallocBefore = ka == null ? 0 : ka.getAllocBytes();
        kmallocAfter = kb == null ? 0 : kb.getAllocBytes();
        compareClasses(ka, kb);
        EntryPool pa = a.getEntryPool();
        EntryPool pb = b.getEntryPool();
        poolUsedBefore = pa == null ? 0 : pa.used();
        poolUsedAfter = pb == null ? 0 : pb.used();
        poolTotal = pb == null ? (pa == null ? 0 : pa.getTotal()) : pb.getTotal();
    }

    /** What changed from {@code before} to {@code after}. */
    public static StateDiff between(State before, State after) {
        return new StateDiff(before, after);
    }

    // ------------------------------------------------------------------ pages

    /** Frame-by-frame comparison of two run tables, swept in address order. */
    private static final class Frames {
        final Map<Character, Long> allocated = new TreeMap<>();
        final Map<Character, Long> freed = new TreeMap<>();
        long onlyA;
        long onlyB;

        static Frames compare(PageRunTable a, PageRunTable b, long ps) {
            Frames f = new Frames();
            int na = a.size();
            int nb = b.size();
            int i = 0;
            int j = 0;
            long pos = Math.min(na > 0 ? a.addr(0) : Long.MAX_VALUE, nb > 0 ? b.addr(0) : Long.MAX_VALUE);
            while (i < na || j < nb) {
                boolean inA = i < na && a.addr(i) <= pos;
                boolean inB = j < nb && b.addr(j) <= pos;
                long next = Long.MAX_VALUE;
                if (i < na) {
                    next = Math.min(next, inA ? a.end(i) : a.addr(i));
                }
                if (j < nb) {
                    next = Math.min(next, inB ? b.end(j) : b.addr(j));
                }
                long n = (next - pos) / ps;
                if (inA && inB) {
                    f.add(a.flags(i), b.flags(j), n);
                } else if (inA) {
                    f.onlyA += n;
                } else if (inB) {
                    f.onlyB += n;
                }
                pos = next;
                if (i < na && a.end(i) <= pos) {
                    i++;
                }
                if (j < nb && b.end(j) <= pos) {
                    j++;
                }
            }
            return f;
        }

        void add(int fa, int fb, long n) {
            boolean freeA = (fa & 1) != 0;
            boolean freeB = (fb & 1) != 0;
            char ma = org.vmscope.model.page.PageFlags.marker(fa);
            char mb = org.vmscope.model.page.PageFlags.marker(fb);
            if (freeA && !freeB) {
                allocated.merge(mb, n, Long::sum);
            } else if (!freeA && freeB) {
                freed.merge(ma, n, Long::sum);
            } else if (!freeA && ma != mb) {
                freed.merge(ma, n, Long::sum);
                allocated.merge(mb, n, Long::sum);
            }
        }

        List<PageChange> list(Map<Character, Long> m, long ps) {
            List<PageChange> out = new ArrayList<>();
            m.forEach((c, n) -> out.add(new PageChange(c, n, n * ps)));
            return out;
        }
    }

    // ------------------------------------------------------------------ maps

    private void compareSpaces(State a, State b) {
        Map<Integer, AddressSpace> sa = byPid(a);
        Map<Integer, AddressSpace> sb = byPid(b);
        for (AddressSpace s : sa.values()) {
            if (!sb.containsKey(s.getPid())) {
                spacesRemoved.add(new Space(s.getPid(), s.getName()));
                for (MapEntry e : s.getEntries()) {
                    entries.add(new EntryChange(EntryChangeKind.REMOVED, s.getPid(), label(s), e.getVaddr(), e, null,
                            List.of()));
                }
            }
        }
        for (AddressSpace s : sb.values()) {
            AddressSpace old = sa.get(s.getPid());
            if (old == null) {
                spacesAdded.add(new Space(s.getPid(), s.getName()));
                for (MapEntry e : s.getEntries()) {
                    entries.add(new EntryChange(EntryChangeKind.ADDED, s.getPid(), label(s), e.getVaddr(), null, e,
                            List.of()));
                }
            } else {
                compareEntries(old, s);
            }
        }
    }

    private static Map<Integer, AddressSpace> byPid(State s) {
        Map<Integer, AddressSpace> m = new LinkedHashMap<>();
        for (AddressSpace a : s.getAddressSpaces()) {
            m.putIfAbsent(a.getPid(), a);
        }
        return m;
    }

    private static String label(AddressSpace s) {
        return s.isKernel() ? "kernel" : "pid " + s.getPid() + " " + s.getName();
    }

    private void compareEntries(AddressSpace a, AddressSpace b) {
        Map<Long, MapEntry> ea = new TreeMap<>(Long::compareUnsigned);
        for (MapEntry e : a.getEntries()) {
            ea.putIfAbsent(e.getVaddr(), e);
        }
        Map<Long, MapEntry> eb = new TreeMap<>(Long::compareUnsigned);
        for (MapEntry e : b.getEntries()) {
            eb.putIfAbsent(e.getVaddr(), e);
        }
        Map<Long, Boolean> all = new TreeMap<>(Long::compareUnsigned);
        ea.keySet().forEach(k -> all.put(k, true));
        eb.keySet().forEach(k -> all.put(k, true));
        for (long va : all.keySet()) {
            MapEntry x = ea.get(va);
            MapEntry y = eb.get(va);
            if (x == null) {
                entries.add(new EntryChange(EntryChangeKind.ADDED, b.getPid(), label(b), va, null, y, List.of()));
            } else if (y == null) {
                entries.add(new EntryChange(EntryChangeKind.REMOVED, a.getPid(), label(a), va, x, null, List.of()));
            } else {
                List<String> what = changes(x, y);
                if (!what.isEmpty()) {
                    entries.add(new EntryChange(EntryChangeKind.CHANGED, b.getPid(), label(b), va, x, y, what));
                }
            }
        }
    }

    private static List<String> changes(MapEntry x, MapEntry y) {
        List<String> w = new ArrayList<>();
        if (x.getSize() != y.getSize()) {
            w.add(String.format(Locale.ROOT, "size 0x%x -> 0x%x", x.getSize(), y.getSize()));
        }
        if (x.getProt() != y.getProt()) {
            w.add("prot " + prot(x.getProt()) + " -> " + prot(y.getProt()));
        }
        if (x.getProtOrig() != y.getProtOrig()) {
            w.add("protOrig " + prot(x.getProtOrig()) + " -> " + prot(y.getProtOrig()));
        }
        if (x.getFlags() != y.getFlags()) {
            w.add("flags " + flags(x.getFlags()) + " -> " + flags(y.getFlags()));
        }
        if (x.getOffset() != y.getOffset()) {
            w.add("offset " + offset(x.getOffset()) + " -> " + offset(y.getOffset()));
        }
        String ox = objectName(x);
        String oy = objectName(y);
        if (!ox.equals(oy)) {
            w.add("object " + ox + " -> " + oy);
        }
        if (x.getAnonCount() != y.getAnonCount()) {
            w.add("anons " + x.getAnonCount() + " -> " + y.getAnonCount());
        }
        return w;
    }

    private static String objectName(MapEntry e) {
        return e.getObject() == null ? "(anonymous)" : e.getObject().getName();
    }

    /** {@code rwxu} with dashes, as psh's mem shows protections. */
    static String prot(int p) {
        return "" + ((p & Mman.PROT_READ) != 0 ? 'r' : '-') + ((p & Mman.PROT_WRITE) != 0 ? 'w' : '-')
                + ((p & Mman.PROT_EXEC) != 0 ? 'x' : '-') + ((p & Mman.PROT_USER) != 0 ? "u" : "");
    }

    static String flags(int f) {
        String[] names = {"NEEDSCOPY", "UNCACHED", "DEVICE", "NOINHERIT", "PHYSMEM", "CONTIGUOUS", "ANONYMOUS",
            "FIXED"};
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < names.length; i++) {
            if ((f & (1 << i)) != 0) {
                sb.append(sb.length() == 0 ? "" : "|").append(names[i]);
            }
        }
        int rest = f & ~0xff;
        if (rest != 0) {
            sb.append(sb.length() == 0 ? "" : "|").append(String.format(Locale.ROOT, "0x%x", rest));
        }
        return sb.length() == 0 ? "0" : sb.toString();
    }

    private static String offset(long o) {
        return o == Mman.OFFS_MAX ? "none" : String.format(Locale.ROOT, "0x%x", o);
    }

    // ------------------------------------------------------------------ objects and kmalloc

    private void compareObjects(State a, State b) {
        Map<String, MemoryObject> oa = new TreeMap<>();
        a.getObjects().forEach(o -> oa.putIfAbsent(o.getName(), o));
        Map<String, MemoryObject> ob = new TreeMap<>();
        b.getObjects().forEach(o -> ob.putIfAbsent(o.getName(), o));
        Map<String, Boolean> names = new TreeMap<>();
        oa.keySet().forEach(n -> names.put(n, true));
        ob.keySet().forEach(n -> names.put(n, true));
        for (String n : names.keySet()) {
            MemoryObject x = oa.get(n);
            MemoryObject y = ob.get(n);
            int rx = x == null ? -1 : x.getRefs();
            int ry = y == null ? -1 : y.getRefs();
            int cx = x == null ? -1 : x.getCachedPages();
            int cy = y == null ? -1 : y.getCachedPages();
            if (rx != ry || cx != cy) {
                objects.add(new ObjectChange(n, rx, ry, cx, cy));
            }
        }
    }

    private void compareClasses(Kmalloc a, Kmalloc b) {
        Map<Integer, KmallocClass> ca = new TreeMap<>();
        if (a != null) {
            a.getClasses().forEach(c -> ca.putIfAbsent(c.getIndex(), c));
        }
        Map<Integer, KmallocClass> cb = new TreeMap<>();
        if (b != null) {
            b.getClasses().forEach(c -> cb.putIfAbsent(c.getIndex(), c));
        }
        Map<Integer, Boolean> idx = new TreeMap<>();
        ca.keySet().forEach(i -> idx.put(i, true));
        cb.keySet().forEach(i -> idx.put(i, true));
        for (int i : idx.keySet()) {
            KmallocClass x = ca.get(i);
            KmallocClass y = cb.get(i);
            long ux = x == null ? 0 : x.getUsedBlocks();
            long uy = y == null ? 0 : y.getUsedBlocks();
            long tx = x == null ? 0 : x.getTotalBlocks();
            long ty = y == null ? 0 : y.getTotalBlocks();
            if (ux != uy || tx != ty) {
                long bs = y != null ? y.getBlockSize() : x.getBlockSize();
                classes.add(new ClassChange(i, bs, ux, uy, tx, ty));
            }
        }
    }

    // ------------------------------------------------------------------ results

    /** Frames allocated, by their new marker, markers in character order. */
    public List<PageChange> allocated() {
        return allocated;
    }

    /** Frames freed, by their old marker. */
    public List<PageChange> freed() {
        return freed;
    }

    public long pagesAllocated() {
        return allocated.stream().mapToLong(PageChange::pages).sum();
    }

    public long pagesFreed() {
        return freed.stream().mapToLong(PageChange::pages).sum();
    }

    /** Frames allocated under {@code marker}. */
    public long pagesAllocated(char marker) {
        return allocated.stream().filter(p -> p.marker() == marker).mapToLong(PageChange::pages).sum();
    }

    /** Frames freed under {@code marker}. */
    public long pagesFreed(char marker) {
        return freed.stream().filter(p -> p.marker() == marker).mapToLong(PageChange::pages).sum();
    }

    /** Frames described in the first picture only (a different page array); 0 for the same target. */
    public long pagesOnlyBefore() {
        return pagesOnlyBefore;
    }

    public long pagesOnlyAfter() {
        return pagesOnlyAfter;
    }

    public List<Space> spacesAdded() {
        return spacesAdded;
    }

    public List<Space> spacesRemoved() {
        return spacesRemoved;
    }

    /** Entry changes, by address space (first picture's order), then address. */
    public List<EntryChange> entries() {
        return entries;
    }

    public List<EntryChange> entries(EntryChangeKind kind) {
        return entries.stream().filter(e -> e.kind() == kind).toList();
    }

    public List<ObjectChange> objects() {
        return objects;
    }

    public List<ClassChange> kmallocClasses() {
        return classes;
    }

    public long kmallocBytesBefore() {
        return kmallocBefore;
    }

    public long kmallocBytesAfter() {
        return kmallocAfter;
    }

    public int entryPoolUsedBefore() {
        return poolUsedBefore;
    }

    public int entryPoolUsedAfter() {
        return poolUsedAfter;
    }

    /** The entry pool's size in the second picture. */
    public int entryPoolTotal() {
        return poolTotal;
    }

    /** Whether nothing this diff compares changed. */
    public boolean isEmpty() {
        return allocated.isEmpty() && freed.isEmpty() && pagesOnlyBefore == 0 && pagesOnlyAfter == 0
                && !pageSizesDiffer && spacesAdded.isEmpty() && spacesRemoved.isEmpty() && entries.isEmpty()
                && objects.isEmpty() && classes.isEmpty() && kmallocBefore == kmallocAfter
                && poolUsedBefore == poolUsedAfter;
    }

    /** The report {@code vmscope diff} prints. */
    public String toText() {
        return DiffReport.render(this, pointerBytes, pageSizesDiffer);
    }
}
