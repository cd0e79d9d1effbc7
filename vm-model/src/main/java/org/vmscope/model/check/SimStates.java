package org.vmscope.model.check;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.vmscope.model.amap.Amap;
import org.vmscope.model.amap.Anon;
import org.vmscope.model.kernel.KernelLayout;
import org.vmscope.model.kernel.Machine;
import org.vmscope.model.kernel.MemRegion;
import org.vmscope.model.kernel.ProgramImage;
import org.vmscope.model.kernel.SimKernel;
import org.vmscope.model.kernel.SoftPmap;
import org.vmscope.model.kmalloc.Kmalloc;
import org.vmscope.model.map.MapEntry;
import org.vmscope.model.map.VmMap;
import org.vmscope.model.object.VmObject;
import org.vmscope.model.page.Page;
import org.vmscope.model.page.PageFlags;
import org.vmscope.model.pmap.CacheType;
import org.vmscope.model.pmap.MappedRange;
import org.vmscope.model.pmap.PageAttr;
import org.vmscope.model.pmap.PageTableWalker;
import org.vmscope.model.pmap.PagingRoot;
import org.vmscope.model.pmap.Pmap;
import org.vmscope.model.pmap.TablePmap;
import org.vmscope.model.pmap.WalkProblem;
import org.vmscope.model.proc.MessageWindow;
import org.vmscope.model.proc.Process;
import org.vmscope.model.proc.Processes;
import org.vmscope.model.zone.VmZone;

/**
 * Builds the {@link KernelState} of a simulated kernel: the same decoded form a mirror produces, with synthetic
 * handles (amap #1, anon #2...) where the target would have addresses.
 *
 * <pre>{@code
 * KernelState s = SimStates.of(kernel).map("pid 3", userMap).baseline(bootBaseline).capture();
 * List<Problem> problems = Checks.run(s);
 * }</pre>
 *
 * <p>Frame owners the model's structures do not record are added as claims: boot regions and program images
 * from the {@link Machine}, the boot heap from the kernel map's translations, page tables (a hardware pmap's
 * tables found by walking them; a {@link SoftPmap}'s tables allocated after boot), page directories, and the
 * optional {@link BootBaseline}. Without a baseline, pages flagged exactly {@code KERNEL|PTABLE} count as boot
 * page tables, which hides leaked page tables; pass a baseline to see those.
 */
public final class SimStates {
    private final SimKernel kernel;
    private final Map<String, VmMap> userMaps = new LinkedHashMap<>();
    private final List<FrameClaim> extra = new ArrayList<>();
    private BootBaseline baseline;

    private final Map<Object, Long> ids = new IdentityHashMap<>();
    private long nextId = 1;
    private final Map<Long, AmapState> amaps = new LinkedHashMap<>();
    private final Map<Long, AnonState> anons = new LinkedHashMap<>();
    private final Map<Long, ObjectState> objects = new LinkedHashMap<>();

    private SimStates(SimKernel kernel) {
        this.kernel = kernel;
    }

    /** Starts a capture of {@code kernel}; its kernel map is always included. */
    public static SimStates of(SimKernel kernel) {
        return new SimStates(kernel);
    }

    /**
     * Starts a capture of everything the process model holds: the kernel map, every process's own map (named
     * {@code pid N}) and the bounce pages of open message windows, which no map records.
     */
    public static SimStates of(Processes ps) {
        SimStates st = new SimStates(ps.kernel());
        for (Process p : ps.all()) {
            if (p.map() != null) {
                st.map("pid " + p.pid(), p.map());
            }
        }
        long page = ps.kernel().arch().pageSize();
        for (MessageWindow w : ps.windows()) {
            for (Page b : w.bounce()) {
                st.claim(FrameClaim.structure(b.addr(), page, "message " + w.id() + " bounce page"));
            }
        }
        return st;
    }

    /** Adds a live user map, named in problems as {@code map of <owner>} (e.g. owner {@code pid 3}). */
    public SimStates map(String owner, VmMap map) {
        userMaps.put(owner, map);
        return this;
    }

    /** Adds the frames allocated at boot (see {@link BootBaseline}). */
    public SimStates baseline(BootBaseline b) {
        this.baseline = b;
        return this;
    }

    /** Adds an owner the model does not record (a test's own page, a message bounce page...). */
    public SimStates claim(FrameClaim c) {
        extra.add(c);
        return this;
    }

    /** The state, read now. */
    public KernelState capture() {
        long pageSize = kernel.arch().pageSize();
        PageArrayState pages = kernel.pages() == null ? null : PageArrayState.of(kernel.pages());
        EntryPoolState pool = EntryPoolState.of(kernel.entryPool());
        List<FrameClaim> claims = new ArrayList<>(extra);
        Set<Long> tableFrames = new HashSet<>();
        List<MapState> maps = new ArrayList<>();
        Map<VmMap, Long> mapIds = new IdentityHashMap<>();
        mapIds.put(kernel.kmap(), 1L);
        long n = 2;
        for (VmMap m : userMaps.values()) {
            mapIds.putIfAbsent(m, n++);
        }
        MapState kmap = mapState("kernel map", kernel.kmap(), mapIds, claims, tableFrames);
        maps.add(kmap);
        for (Map.Entry<String, VmMap> e : userMaps.entrySet()) {
            VmMap m = e.getValue();
            String name = "map of " + e.getKey();
            maps.add(mapState(name, m, mapIds, claims, tableFrames));
            if (m.pdirPage() != null) {
                claims.add(FrameClaim.structure(m.pdirPage().addr(), m.pdirPage().blockBytes(),
                        "page directory of " + name));
            }
        }
        KmallocState km = kernel.kmalloc() == null ? null : kmallocState(kernel.kmalloc());
        if (pages != null) {
            bootClaims(claims);
        }
        return new KernelState(pageSize, pages, pool, kmap, maps, amaps, anons, objects, km, claims, kernel.phys());
    }

    // ------------------------------------------------------------------ maps and what they reach

    private long id(Object o) {
        return ids.computeIfAbsent(o, k -> nextId++);
    }

    private MapState mapState(String name, VmMap m, Map<VmMap, Long> mapIds, List<FrameClaim> claims,
            Set<Long> tableFrames) {
        Map<Integer, EntryState> nodes = new LinkedHashMap<>();
        Deque<MapEntry> todo = new ArrayDeque<>();
        Set<MapEntry> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        if (m.root() != null) {
            todo.push(m.root());
        }
        int guard = kernel.entryPool().total() + 16;
        while (!todo.isEmpty() && guard-- > 0) {
            MapEntry e = todo.pop();
            if (!seen.add(e)) {
                continue;
            }
            long mapId = e.map() == null ? 0 : mapIds.computeIfAbsent(e.map(), k -> 1000 + (long) mapIds.size());
            nodes.put(e.slot(), new EntryState(e.slot(), slot(e.parent()), slot(e.left()), slot(e.right()),
                    e.isBlack(), mapId, e.vaddr(), e.size(), e.lmaxgap(), e.rmaxgap(), e.flags(), e.prot(),
                    e.protOrig(), amap(e.amap()), e.aoffs(), object(e.object()), e.offs()));
            if (e.left() != null) {
                todo.push(e.left());
            }
            if (e.right() != null) {
                todo.push(e.right());
            }
        }
        MapState ms = new MapState(name, mapIds.get(m), m.start(), m.stop(), slot(m.root()), nodes, null);
        if (kernel.pages() != null) {
            ms.translations = translations(m, ms);
            tableClaims(name, m, claims, tableFrames);
        }
        return ms;
    }

    private static int slot(MapEntry e) {
        return e == null ? PageArrayState.NIL : e.slot();
    }

    private long amap(Amap a) {
        if (a == null) {
            return 0;
        }
        long id = id(a);
        if (!amaps.containsKey(id)) {
            long[] slots = new long[a.size()];
            amaps.put(id, new AmapState(id, "amap #" + id, a.refs(), slots));
            for (int i = 0; i < slots.length; i++) {
                slots[i] = anon(a.anon(i));
            }
        }
        return id;
    }

    private long anon(Anon a) {
        if (a == null) {
            return 0;
        }
        long id = id(a);
        anons.computeIfAbsent(id, k -> {
            long pa = a.page() == null ? -1 : a.page().addr();
            return new AnonState(id, String.format("anon #%d (frame 0x%x)", id, pa), a.refs(), pa);
        });
        return id;
    }

    private long object(VmObject o) {
        if (o == null) {
            return 0;
        }
        if (o.isPhysmem()) {
            return ObjectState.PHYSMEM;
        }
        long id = id(o);
        objects.computeIfAbsent(id, k -> {
            long pageSize = kernel.arch().pageSize();
            ObjectState.Kind kind = switch (o.kind()) {
                case KERNEL -> ObjectState.Kind.KERNEL;
                case CONTIGUOUS -> ObjectState.Kind.CONTIGUOUS;
                default -> ObjectState.Kind.FILE;
            };
            long n = kind == ObjectState.Kind.KERNEL ? 0 : (o.size() + pageSize - 1) / pageSize;
            long[] pages = new long[(int) Math.min(n, 1 << 24)];
            for (int i = 0; i < pages.length; i++) {
                Page p = o.cached(i * pageSize);
                pages[i] = p == null ? -1 : p.addr();
            }
            return new ObjectState(id, kind, "object " + o, o.refs(), pages);
        });
        return id;
    }

    // ------------------------------------------------------------------ page tables

    /**
     * A hardware pmap's tables are walked over the map's range; any other pmap is asked, page by page of each
     * entry, what it resolves (which cannot show PTEs outside entries).
     */
    private MapState.Translations translations(VmMap m, MapState ms) {
        Pmap p = m.pmap();
        if (p instanceof TablePmap tp) {
            PageTableWalker walker = new PageTableWalker(kernel.phys());
            List<MappedRange> ranges = new ArrayList<>();
            List<WalkProblem> problems = new ArrayList<>();
            for (PagingRoot r : tp.walkRoots()) {
                var w = walker.walk(r, m.start(), m.stop() - 1);
                ranges.addAll(w.ranges());
                problems.addAll(w.problems());
            }
            ranges.sort((a, b) -> Long.compareUnsigned(a.va(), b.va()));
            return new MapState.Translations(ranges, problems, true, true);
        }
        long pageSize = kernel.arch().pageSize();
        List<MappedRange> ranges = new ArrayList<>();
        for (EntryState e : ms.inOrder()) {
            for (long off = 0; Long.compareUnsigned(off, e.size) < 0; off += pageSize) {
                long va = e.vaddr + off;
                long pa = p.resolve(va);
                if (pa == 0) {
                    continue;
                }
                int attr = p instanceof SoftPmap sp ? sp.attr(va) : PageAttr.PRESENT;
                ranges.add(new MappedRange(va, pa, pageSize, attr, 0, CacheType.NONE, false));
            }
        }
        return new MapState.Translations(ranges, List.of(), false, p instanceof SoftPmap);
    }

    private void tableClaims(String name, VmMap m, List<FrameClaim> claims, Set<Long> tableFrames) {
        long pageSize = kernel.arch().pageSize();
        Set<Long> frames = new LinkedHashSet<>();
        if (m.pmap() instanceof TablePmap tp) {
            for (PagingRoot r : tp.walkRoots()) {
                frames.addAll(TableFrames.below(kernel.phys(), r, m.start(), m.stop() - 1, pageSize));
            }
        } else if (m.pmap() instanceof SoftPmap sp) {
            frames.addAll(sp.destroy()); // a copy of the tables it was given; nothing is freed
        }
        for (long f : frames) {
            if (tableFrames.add(f)) { // a table shared between pmaps has one owner
                claims.add(FrameClaim.structure(f, pageSize, "page table of " + name));
            }
        }
    }

    // ------------------------------------------------------------------ boot knowledge

    private void bootClaims(List<FrameClaim> claims) {
        Machine mach = kernel.machine();
        for (MemRegion r : mach.bootAllocations()) {
            if (!PageFlags.isFree(r.flags())) {
                claims.add(FrameClaim.boot(r.start(), r.size(), "boot allocation '" + r.name() + "'"));
            }
        }
        for (MemRegion r : mach.reserved()) {
            if (!PageFlags.isFree(r.flags())) {
                claims.add(FrameClaim.boot(r.start(), r.size(), "reserved '" + r.name() + "'"));
            }
        }
        for (ProgramImage p : mach.programs()) {
            claims.add(FrameClaim.boot(p.addr(), p.size(), "program image '" + p.name() + "'"));
        }
        long pageSize = kernel.arch().pageSize();
        KernelLayout k = mach.kernel();
        if (k != null) {
            for (long va = k.heapVa(); Long.compareUnsigned(va, kernel.top()) < 0; va += pageSize) {
                long pa = kernel.kmap().pmap().resolve(va);
                if (pa != 0) {
                    claims.add(FrameClaim.boot(pa, pageSize, "kernel boot heap"));
                }
            }
        }
        if (baseline != null) {
            for (int i = 0; i < baseline.size(); i++) {
                claims.add(FrameClaim.boot(baseline.frame(i), pageSize, "allocated at boot"));
            }
        } else {
            var pa = kernel.pages();
            int ptable = PageFlags.OWNER_KERNEL | PageFlags.KERNEL_PTABLE;
            for (int i = 0; i < pa.pageCount(); i++) {
                Page p = pa.pageAt(i);
                if (p.flags() == ptable) {
                    claims.add(FrameClaim.boot(p.addr(), pageSize, "kernel page table (boot, no baseline)"));
                }
            }
        }
    }

    // ------------------------------------------------------------------ kmalloc

    private KmallocState kmallocState(Kmalloc km) {
        Map<VmZone, Long> zids = new IdentityHashMap<>();
        List<VmZone> all = new ArrayList<>();
        List<VmZone> heads = new ArrayList<>();
        for (int i = 0; i < KmallocState.CLASSES; i++) {
            heads.add(km.sizes(i));
        }
        heads.add(km.used());
        heads.add(km.firstzone());
        int guard = 1 << 20;
        for (VmZone h : heads) {
            VmZone z = h;
            while (z != null && !zids.containsKey(z) && guard-- > 0) {
                zids.put(z, (long) zids.size() + 1);
                all.add(z);
                z = z.next();
            }
        }
        Set<Long> tree = new LinkedHashSet<>();
        Deque<VmZone> todo = new ArrayDeque<>();
        if (km.zoneTreeRoot() != null) {
            todo.push(km.zoneTreeRoot());
        }
        Set<VmZone> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        while (!todo.isEmpty() && guard-- > 0) {
            VmZone z = todo.pop();
            if (!seen.add(z)) {
                continue;
            }
            if (!zids.containsKey(z)) {
                zids.put(z, (long) zids.size() + 1);
                all.add(z);
            }
            tree.add(zids.get(z));
            if (z.left() != null) {
                todo.push(z.left());
            }
            if (z.right() != null) {
                todo.push(z.right());
            }
        }
        Map<Long, ZoneState> zones = new LinkedHashMap<>();
        for (VmZone z : all) {
            long id = zids.get(z);
            int cls = 63 - Long.numberOfLeadingZeros(Math.max(1, z.blocksz()));
            Page p = z.pages();
            zones.put(id, new ZoneState(id, String.format("zone 0x%08x (kmalloc class %d)", z.vaddr(), cls), z.vaddr(),
                    z.blocksz(), z.blocks(), z.used(), z.first(), p == null ? 0 : p.addr(), p == null ? -1 : p.idx(),
                    z.next() == null ? 0 : zids.getOrDefault(z.next(), -1L),
                    z.prev() == null ? 0 : zids.getOrDefault(z.prev(), -1L)));
        }
        long[] sizes = new long[KmallocState.CLASSES];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = km.sizes(i) == null ? 0 : zids.get(km.sizes(i));
        }
        var arch = kernel.arch();
        return new KmallocState(sizes, km.used() == null ? 0 : zids.get(km.used()), zids.get(km.firstzone()), zones,
                tree, km.allocBytes(), km.hdrblocks(), km.hdridx(), arch.pointerBytes(), arch.byteOrder());
    }
}
