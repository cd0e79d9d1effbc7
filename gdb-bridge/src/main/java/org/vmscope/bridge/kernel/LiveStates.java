package org.vmscope.bridge.kernel;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.vmscope.bridge.dwarf.TypeLayout;
import org.vmscope.bridge.elf.ElfSymbol;
import org.vmscope.bridge.mirror.Mirror;
import org.vmscope.bridge.mirror.MirrorException;
import org.vmscope.bridge.mirror.NamedRoot;
import org.vmscope.bridge.mirror.PagingSetup;
import org.vmscope.model.check.Checks;
import org.vmscope.model.check.EntryState;
import org.vmscope.model.check.FrameClaim;
import org.vmscope.model.check.KernelState;
import org.vmscope.model.check.KmallocState;
import org.vmscope.model.check.MapState;
import org.vmscope.model.check.PageArrayState;
import org.vmscope.model.check.Problem;
import org.vmscope.model.check.TableFrames;
import org.vmscope.model.pmap.AddressSpaceWalk;
import org.vmscope.model.pmap.PageTableFormat;
import org.vmscope.model.pmap.PageTableWalker;
import org.vmscope.model.pmap.PagingRoot;

/**
 * The {@link KernelState} of a halted live MMU kernel, decoded from its memory through its DWARF: the twin of
 * vm-model's {@code SimStates}, with kernel addresses as handles. One {@link #read} decodes everything the checks
 * look at, once: the page array, the entry pool (every slot), the kernel map and each process's map with their
 * page tables walked over the map's range, the amaps, anons and objects they reach plus the object tree, and
 * kmalloc with its zones.
 *
 * <p>Frame owners no structure records are added as claims, found by structure: pages allocated while the page
 * array was built ({@code idx == 0} and not free, §3.1.1), the boot heap ({@code [_end, vm.top)}), each map's page
 * tables below its root, and each process's page directory ({@code pmap.pmapp}).
 *
 * <p>Decoding problems (unreadable or out-of-array pointers) are kept as text naming the object; the state then
 * holds what could be read and the checks report the inconsistency that follows.
 */
public final class LiveStates {
    /** The pid {@link Space} uses for the kernel map. */
    public static final int KERNEL_PID = -1;
    private static final int MAX_PATH = 128;

    /**
     * One decoded address space.
     *
     * @param pid        {@link #KERNEL_PID} for the kernel map
     * @param name       {@code kernel}, else the process's path
     * @param mapAddress the {@code vm_map_t}
     * @param pdir       physical address of its top-level page table, 0 when unknown
     */
    public record Space(int pid, String name, long mapAddress, long pdir, MapState map) {
    }

    private final KernelDecoder d;
    private final LivePageArray pages;
    private final LiveEntryPool pool;
    private final LiveObjects objects;
    private final KmallocState kmalloc;
    private final List<Space> spaces;
    private final KernelState state;

    private LiveStates(KernelDecoder d, LivePageArray pages, LiveEntryPool pool, LiveObjects objects,
            KmallocState kmalloc, List<Space> spaces, KernelState state) {
        this.d = d;
        this.pages = pages;
        this.pool = pool;
        this.objects = objects;
        this.kmalloc = kmalloc;
        this.spaces = List.copyOf(spaces);
        this.state = state;
    }

    /**
     * Decodes the kernel now (the target must be halted and stay so).
     *
     * @throws KernelException when a global the decoding starts from is missing or unreadable
     */
    public static LiveStates read(KernelImage image, Mirror mirror) throws KernelException {
        KernelDecoder d = new KernelDecoder(image, mirror);
        return d.inSession(() -> new Reading(d, mirror).run());
    }

    public KernelState state() {
        return state;
    }

    /** The kernel map first, then each process with a map of its own, by pid. */
    public List<Space> spaces() {
        return spaces;
    }

    /** What could not be decoded, naming the object; oldest first. */
    public List<String> problems() {
        return d.problems();
    }

    /** vm-model's invariants over the decoded state (zone free lists are read from the target here). */
    public List<Problem> check() throws KernelException {
        return d.inSession(() -> Checks.run(state));
    }

    public KernelImage image() {
        return d.image;
    }

    /** {@code sizeof(page_t)}. */
    public long pageStructSize() {
        return pages == null ? 0 : pages.structSize;
    }

    /** {@code sizeof(map_entry_t)}. */
    public long entrySize() {
        return pool.entrySize;
    }

    /** oid, kind and size of each decoded object, by address. */
    public Map<Long, LiveObjects.ObjectFacts> objectFacts() {
        return Collections.unmodifiableMap(objects.facts);
    }

    /** kmalloc, or null when the kernel has none. */
    public KmallocState kmalloc() {
        return kmalloc;
    }

    /** One pass over the kernel; every read happens in the caller's session. */
    private static final class Reading {
        private final KernelDecoder d;
        private final Mirror mirror;
        private final KernelImage image;
        private final List<FrameClaim> claims = new ArrayList<>();
        private final Set<Long> tableFrames = new HashSet<>();
        private final PageTableWalker walker;
        private List<NamedRoot> roots;
        private LivePageArray pages;
        private LiveEntryPool pool;
        private LiveObjects objects;

        Reading(KernelDecoder d, Mirror mirror) {
            this.d = d;
            this.mirror = mirror;
            this.image = d.image;
            this.walker = new PageTableWalker(mirror.memory());
        }

        LiveStates run() throws KernelException {
            PagingSetup paging = d.paging();
            roots = paging.roots();
            pages = LivePageArray.read(d);
            pool = LiveEntryPool.read(d);
            objects = new LiveObjects(d, pages);
            objects.readTree();

            List<Space> spaces = new ArrayList<>();
            long kmapAddress = kernelMap();
            Set<Long> seenMaps = new HashSet<>(Set.of(kmapAddress));
            List<ProcessRef> owners = new ArrayList<>();
            for (ProcessRef p : new KernelReader(d).processes().values()) {
                if (p.mapp() != 0 && seenMaps.add(p.mapp())) {
                    owners.add(p); // not a process without a map, nor one borrowing another's (vfork)
                }
            }
            prefetchTables(kmapAddress, owners);
            Space kernel = space(KERNEL_PID, "kernel", kmapAddress);
            spaces.add(kernel);
            for (ProcessRef p : owners) {
                Space s = space(p.pid(), path(p), p.mapp());
                spaces.add(s);
                pageDirectory(s);
            }
            KmallocState km = image.findGlobal("kmalloc_common", "vm/kmalloc.c").isPresent()
                    ? LiveKmalloc.read(d, pages) : null;
            if (pages != null) {
                bootClaims();
            }
            List<MapState> maps = spaces.stream().map(Space::map).toList();
            KernelState st = new KernelState(image.pageSize(), pages == null ? null : pages.state, pool.state,
                    kernel.map(), maps, objects.amaps, objects.anons, objects.objects, km, claims, mirror.memory());
            return new LiveStates(d, pages, pool, objects, km, spaces, st);
        }

        private long kernelMap() throws KernelException {
            KernelGlobal g = image.global("map_common", "vm/map.c");
            try {
                long kmap = d.mem.pointer(g.addressOf("kmap"));
                if (kmap != 0) {
                    return kmap;
                }
            } catch (KernelReadException e) {
                throw new KernelException("map_common.kmap cannot be read: " + e.getMessage(), e);
            }
            d.problem("map_common.kmap is NULL; using &main_common.kmap");
            return image.global("main_common", "main.c").addressOf("kmap");
        }

        private String path(ProcessRef p) throws KernelException {
            KStruct s = d.structOrProblem(image.type("process_t"), p.address(), "process_t of pid " + p.pid());
            long at = s == null ? 0 : s.u("path");
            if (at == 0) {
                return "pid " + p.pid();
            }
            try {
                long room = Math.min(MAX_PATH, 4096 - (at & 4095));
                byte[] b = d.mem.read(at, room);
                int n = 0;
                while (n < b.length && b[n] != 0) {
                    n++;
                }
                return new String(b, 0, n, StandardCharsets.ISO_8859_1);
            } catch (KernelReadException e) {
                d.problem("process_t of pid " + p.pid() + ": path cannot be read: " + e.getMessage());
                return "pid " + p.pid();
            }
        }

        /** One map: its entries from the pool (reached from the root), what they reach, and its page tables. */
        private Space space(int pid, String name, long address) throws KernelException {
            String mapName = pid == KERNEL_PID ? "kernel map" : "map of pid " + pid;
            TypeLayout vmMap = image.type("vm_map_t");
            KStruct m = d.structOrProblem(vmMap, address, "vm_map_t of " + mapName);
            if (m == null) {
                return new Space(pid, name, address, 0,
                        new MapState(mapName, address, 0, 0, PageArrayState.NIL, Map.of(), null));
            }
            long start = m.u("start");
            long stop = m.u("stop");
            int root = pool.slot(m.u("tree.root"));
            Map<Integer, EntryState> nodes = new LinkedHashMap<>();
            Deque<Integer> todo = new ArrayDeque<>();
            todo.push(root);
            while (!todo.isEmpty()) {
                int slot = todo.pop();
                EntryState e = pool.entry(slot);
                if (e == null || nodes.containsKey(slot)) {
                    continue;
                }
                nodes.put(slot, e);
                todo.push(e.right());
                todo.push(e.left());
                objects.amap(e.amap());
                objects.object(e.object());
            }
            long pdir = rootTable(m, pid == KERNEL_PID);
            MapState.Translations t = null;
            if (pdir != 0 && Long.compareUnsigned(start, stop) < 0) {
                PagingRoot r = new PagingRoot(formatFor(start), pdir);
                AddressSpaceWalk w = walker.walk(r, start, stop - 1);
                t = new MapState.Translations(w.ranges(), w.problems(), !w.truncated(), true);
                for (long f : TableFrames.below(mirror.memory(), r, start, stop - 1, image.pageSize())) {
                    if (tableFrames.add(f)) { // tables shared by several roots have one owner
                        claims.add(FrameClaim.structure(f, image.pageSize(), "page table of " + mapName));
                    }
                }
            } else {
                d.problem(mapName + ": no page-table root in its pmap; its PTEs are not checked");
            }
            return new Space(pid, name, address, pdir, new MapState(mapName, address, start, stop, root, nodes, t));
        }

        /**
         * Every map's page tables read before any walk, one batch per level for all of them, instead of one round
         * trip per table. A map that cannot be read here is reported by its own decoding afterwards.
         */
        private void prefetchTables(long kmapAddress, List<ProcessRef> owners) throws KernelException {
            TypeLayout vmMap = image.type("vm_map_t");
            List<PagingRoot> tables = new ArrayList<>();
            List<Long> maps = new ArrayList<>(List.of(kmapAddress));
            owners.forEach(p -> maps.add(p.mapp()));
            for (int i = 0; i < maps.size(); i++) {
                try {
                    KStruct m = d.struct(vmMap, maps.get(i), "vm_map_t");
                    long pdir = rootTable(m, i == 0);
                    if (pdir != 0) {
                        tables.add(new PagingRoot(formatFor(m.u("start")), pdir));
                    }
                } catch (KernelReadException e) {
                    // space() reports it
                }
            }
            try {
                mirror.prefetchTables(tables);
            } catch (MirrorException e) {
                // the walks read on demand and report what fails
            }
        }

        /**
         * The table format of the root register that translates {@code va}: with split roots (ARM's TTBR0 and
         * TTBR1) a process map is walked in the lower format and the kernel map in the upper one.
         */
        private PageTableFormat formatFor(long va) {
            NamedRoot r = rootFor(va);
            return (r == null ? roots.get(0) : r).root().format();
        }

        /** The root register whose format translates {@code va}, or null. */
        private NamedRoot rootFor(long va) {
            for (NamedRoot r : roots) {
                if (r.root().format().geometry().translates(va)) {
                    return r;
                }
            }
            return null;
        }

        /** The physical address of a map's top-level table, from whichever root member its pmap_t has. */
        private long rootTable(KStruct map, boolean kernel) throws KernelException {
            TypeLayout t = image.type("vm_map_t");
            if (kernel && roots.size() > 1) {
                // split roots: the kernel half is walked from the register that holds it (aarch64's kernel pmap
                // points at a software-only top table the hardware never walks)
                NamedRoot upper = rootFor(map.u("start"));
                if (upper != null) {
                    return upper.root().tablePa();
                }
            }
            long v;
            if (t.field("pmap.cr3").isPresent()) {
                v = map.u("pmap.cr3") & ~0xfffL;
            } else if (t.field("pmap.satp").isPresent()) {
                v = (map.u("pmap.satp") & ((1L << 44) - 1)) << 12;
            } else if (t.field("pmap.addr").isPresent()) {
                v = map.u("pmap.addr");
            } else {
                v = 0;
            }
            if (v == 0 && kernel) {
                try {
                    return mirror.paging().roots().get(0).root().tablePa();
                } catch (MirrorException e) {
                    return 0;
                }
            }
            return v;
        }

        private void pageDirectory(Space s) throws KernelException {
            KStruct m = d.structOrProblem(image.type("vm_map_t"), s.mapAddress(), "vm_map_t of " + s.map().name());
            if (m == null || pages == null || image.type("vm_map_t").field("pmap.pmapp").isEmpty()) {
                return;
            }
            long p = m.u("pmap.pmapp");
            if (p == 0) {
                return;
            }
            long pa = pages.frame(p);
            if (pa == -1) {
                d.problem(s.map().name() + ": pmap.pmapp 0x" + Long.toHexString(p) + " is not a page_t of pages_info.pages");
                return;
            }
            int order = pages.order(p);
            long bytes = order >= 12 && order < 40 ? 1L << order : image.pageSize();
            claims.add(FrameClaim.structure(pa, bytes, "page directory of " + s.map().name()));
        }

        /** Pages the array was built with as allocated (idx 0) and the boot heap's frames. */
        private void bootClaims() throws KernelException {
            PageArrayState s = pages.state;
            long ps = image.pageSize();
            int i = 0;
            while (i < s.count()) {
                if (s.isFree(i) || s.idx(i) != 0) {
                    i++;
                    continue;
                }
                int j = i;
                while (j + 1 < s.count() && !s.isFree(j + 1) && s.idx(j + 1) == 0 && s.addr(j + 1) == s.addr(j) + ps) {
                    j++;
                }
                claims.add(FrameClaim.boot(s.addr(i), (j - i + 1) * ps, "allocated at boot"));
                i = j + 1;
            }
            Optional<ElfSymbol> end = image.elf().symtab().lookup("_end").filter(ElfSymbol::isDefined);
            Optional<KernelGlobal> vm = image.findGlobal("vm", "vm/vm.c");
            if (end.isEmpty() || vm.isEmpty()) {
                return;
            }
            long top;
            try {
                top = d.mem.pointer(vm.get().addressOf("top"));
            } catch (KernelReadException e) {
                d.problem("vm.top (vm/vm.c) cannot be read: " + e.getMessage());
                return;
            }
            long heap = (end.get().value() + ps - 1) & -ps;
            if (Long.compareUnsigned(top - heap, LivePageArray.MAX_PAGES * ps) > 0) {
                d.problem(String.format("boot heap [0x%x, vm.top 0x%x) is implausible; not attributed", heap, top));
                return;
            }
            for (long va = heap; Long.compareUnsigned(va, top) < 0; va += ps) {
                try {
                    claims.add(FrameClaim.boot(d.mem.physical(va), ps, "kernel boot heap"));
                } catch (KernelReadException e) {
                    // a heap page not mapped is not a frame anyone owns
                }
            }
        }
    }
}
