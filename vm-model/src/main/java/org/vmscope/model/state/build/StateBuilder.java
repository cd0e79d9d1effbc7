package org.vmscope.model.state.build;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.vmscope.model.Arch;
import org.vmscope.model.check.Checks;
import org.vmscope.model.check.SimStates;
import org.vmscope.model.kernel.SimKernel;
import org.vmscope.model.kmalloc.Kmalloc;
import org.vmscope.model.map.VmMap;
import org.vmscope.model.object.VmObject;
import org.vmscope.model.page.NommuPageAllocator;
import org.vmscope.model.page.Page;
import org.vmscope.model.page.PageAllocator;
import org.vmscope.model.phys.RamBank;
import org.vmscope.model.proc.Process;
import org.vmscope.model.proc.Processes;
import org.vmscope.model.state.AddressSpace;
import org.vmscope.model.state.Architecture;
import org.vmscope.model.state.MemoryObject;
import org.vmscope.model.state.ObjectKind;
import org.vmscope.model.state.PhysicalMemory;
import org.vmscope.model.state.State;
import org.vmscope.model.state.StateFactory;
import org.vmscope.model.state.Target;
import org.vmscope.model.state.TargetSource;
import org.vmscope.model.state.data.PageRunTable;
import org.vmscope.model.state.data.Sizes;
import org.vmscope.model.state.snapshot.Snapshots;
import org.vmscope.model.zone.VmZone;

/**
 * Takes the picture of a simulated kernel: one {@link State} holding the target, the page array as a run table,
 * the entry pool, kmalloc, the kernel map and the given process maps with the objects and amaps their entries
 * reach, and optionally the checks' problems.
 *
 * <pre>{@code
 * State s = StateBuilder.of(kernel).processes(procs).stopCounter(steps).withChecks().build();
 * }</pre>
 *
 * <p>The result is read-only ({@link ReadOnly}): it never changes after {@link #build()}, whatever the kernel does
 * next, and modifying it throws. Not thread-safe; build while the kernel is not stepped.
 */
public final class StateBuilder {
    /** The pid of the kernel map. */
    public static final int KERNEL_PID = -1;
    /** kmalloc has 24 classes; more zones than this on one list means the list is corrupt. */
    private static final int MAX_ZONES_PER_LIST = 1 << 20;

    private final SimKernel kernel;
    private final List<Space> spaces = new ArrayList<>();
    private final Map<VmObject, String> paths = new IdentityHashMap<>();
    private final List<org.vmscope.model.check.Problem> problems = new ArrayList<>();
    private boolean runChecks;
    private String name;
    private TargetSource source = TargetSource.SIMULATED;
    private long stopCounter;
    private Long timestamp;

    private record Space(int pid, String name, VmMap map) {
    }

    private StateBuilder(SimKernel kernel) {
        this.kernel = kernel;
    }

    /** Starts a picture of {@code kernel}; its kernel map is always included, first. */
    public static StateBuilder of(SimKernel kernel) {
        if (kernel == null) {
            throw new IllegalArgumentException("no kernel");
        }
        return new StateBuilder(kernel);
    }

    /** The picture of a kernel with no process maps. */
    public static State build(SimKernel kernel) {
        return of(kernel).build();
    }

    /** Adds a process map (MMU: its private map), listed after the kernel map in the order added. */
    public StateBuilder addressSpace(int pid, String name, VmMap map) {
        if (map == null) {
            throw new IllegalArgumentException("no map for pid " + pid);
        }
        spaces.add(new Space(pid, name, map));
        return this;
    }

    /**
     * Adds every live process that has a map of its own, by pid (vfork children borrowing a map and NOMMU
     * processes, whose entries are in the kernel map, add none), and names the file objects after their files.
     */
    public StateBuilder processes(Processes procs) {
        for (Process p : procs.all()) {
            if (p.alive() && p.map() != null && p.map() != kernel.kmap()) {
                addressSpace(p.pid(), p.name(), p.map());
            }
        }
        procs.objects().live().forEach((file, o) -> paths.put(o, file));
        return this;
    }

    /** The target's title; by default {@code simulated <arch>, <RAM>}. */
    public StateBuilder name(String title) {
        this.name = title;
        return this;
    }

    public StateBuilder source(TargetSource s) {
        this.source = s;
        return this;
    }

    /** How many stops (simulated: steps) preceded this picture. */
    public StateBuilder stopCounter(long n) {
        this.stopCounter = n;
        return this;
    }

    /** When the picture was taken, in ms since the epoch; by default the time of {@link #build()}. */
    public StateBuilder timestamp(long millis) {
        this.timestamp = millis;
        return this;
    }

    /** Problems to attach (from {@code org.vmscope.model.check}). */
    public StateBuilder problems(Collection<org.vmscope.model.check.Problem> found) {
        problems.addAll(found);
        return this;
    }

    /** Runs {@link Checks} over the kernel and the added maps at build time and attaches what they find. */
    public StateBuilder withChecks() {
        this.runChecks = true;
        return this;
    }

    // ------------------------------------------------------------------ build

    /** The picture, read now; read-only. */
    public State build() {
        StateFactory f = StateFactory.eINSTANCE;
        State s = f.createState();
        s.setFormatVersion(Snapshots.FORMAT_VERSION);
        s.setTarget(target(f));
        s.setPhysicalMemory(physicalMemory(f));
        org.vmscope.model.state.EntryPool pool = f.createEntryPool();
        pool.setTotal(kernel.entryPool().total());
        pool.setFree(kernel.entryPool().free());
        pool.setEntrySize(kernel.entryPool().entrySize());
        s.setEntryPool(pool);
        if (kernel.kmalloc() != null) {
            s.setKmalloc(kmalloc(f, kernel.kmalloc()));
        }
        Refs refs = new Refs(f, s);
        s.getAddressSpaces().add(space(f, KERNEL_PID, "kernel", kernel.kmap(), refs));
        for (Space sp : spaces) {
            s.getAddressSpaces().add(space(f, sp.pid(), sp.name(), sp.map(), refs));
        }
        List<org.vmscope.model.check.Problem> all = new ArrayList<>(problems);
        if (runChecks) {
            SimStates ss = SimStates.of(kernel);
            for (Space sp : spaces) {
                ss.map("pid " + sp.pid(), sp.map());
            }
            all.addAll(Checks.run(ss.capture()));
        }
        for (org.vmscope.model.check.Problem p : all) {
            s.getProblems().add(StateParts.problem(f, p));
        }
        return ReadOnly.freeze(s);
    }

    private Target target(StateFactory f) {
        Arch arch = kernel.arch();
        Target t = f.createTarget();
        for (RamBank b : kernel.machine().banks()) {
            org.vmscope.model.state.RamBank rb = f.createRamBank();
            rb.setBase(b.base());
            rb.setSize(b.size());
            t.getRamBanks().add(rb);
        }
        t.setName(name != null ? name : "simulated " + arch.id() + ", " + Sizes.human(kernel.machine().ramBytes()));
        t.setArch(Architecture.get(arch.id()));
        t.setPointerSize(arch.pointerBytes());
        t.setPageSize(arch.pageSize());
        t.setMmu(arch.hasMmu());
        t.setSource(source);
        t.setStopCounter(stopCounter);
        t.setTimestamp(timestamp != null ? timestamp : System.currentTimeMillis());
        return t;
    }


    private PhysicalMemory physicalMemory(StateFactory f) {
        PhysicalMemory pm = f.createPhysicalMemory();
        PageAllocator pages = kernel.pages();
        if (pages != null) {
            pm.setPageCount(pages.pageCount());
            pm.setPageStructSize(pages.pageStructSize());
            pm.setTotalBytes(pages.totalBytes());
            pm.setAllocBytes(pages.allocBytes());
            pm.setFreeBytes(pages.freeBytes());
            pm.setBootBytes(pages.bootBytes());
            pm.setRuns(PageRunTable.of(pages.pageShift(), pages.runsByFlags()));
            for (int order = 0; order < pages.listCount(); order++) {
                pm.getFreeBlocks().add(pages.freeList(order).size());
            }
        } else {
            NommuPageAllocator tokens = kernel.tokens();
            pm.setPageCount(tokens.tokenCount());
            pm.setPageStructSize(tokens.pageStructSize());
            pm.setTotalBytes(tokens.allocBytes() + tokens.freeBytes());
            pm.setAllocBytes(tokens.allocBytes());
            pm.setFreeBytes(tokens.freeBytes());
            pm.setBootBytes(tokens.bootBytes());
            pm.setFreeTokens(tokens.queuedTokens());
            pm.setRuns(new PageRunTable.Builder(tokens.pageShift()).build());
        }
        return pm;
    }

    private static org.vmscope.model.state.Kmalloc kmalloc(StateFactory f, Kmalloc k) {
        List<VmZone> all = new ArrayList<>();
        Set<VmZone> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (int idx = 0; idx < 64; idx++) {
            collect(k.sizes(idx), all, seen);
        }
        collect(k.used(), all, seen);
        List<StateParts.ZoneFacts> zones = new ArrayList<>();
        for (VmZone z : all) {
            zones.add(new StateParts.ZoneFacts(z.vaddr(), z.pages() == null ? 0 : z.pages().addr(), z.blocksz(),
                    z.blocks(), z.used(), z.first(), z.header()));
        }
        return StateParts.kmalloc(f, k.allocBytes(), k.hdridx(), k.hdrblocks(), zones);
    }

    /** Adds the zones of one circular list, each zone once. */
    private static void collect(VmZone head, List<VmZone> out, Set<VmZone> seen) {
        VmZone z = head;
        for (int n = 0; z != null && n < MAX_ZONES_PER_LIST && seen.add(z); n++) {
            out.add(z);
            z = z.next();
        }
    }

    private AddressSpace space(StateFactory f, int pid, String spaceName, VmMap m, Refs refs) {
        AddressSpace a = f.createAddressSpace();
        a.setName(spaceName);
        a.setPid(pid);
        a.setStart(m.start());
        a.setStop(m.stop());
        Page pdir = m.pdirPage();
        a.setPdir(pdir != null ? pdir.addr() : m.pmap() != null ? m.pmap().root() : 0);
        long ps = kernel.arch().pageSize();
        for (org.vmscope.model.map.MapEntry e : m.entries()) {
            a.getEntries().add(StateParts.mapEntry(f, e.slot(), e.vaddr(), e.size(), e.prot(), e.protOrig(), e.flags(),
                    e.offs(), e.aoffs(), refs.object(e.object()), refs.amap(e.amap()),
                    e.amap() == null ? 0 : anons(e.amap(), e.aoffs() / ps, e.size() / ps)));
        }
        return a;
    }

    /** Non-null slots of {@code [first, first+n)} within the amap. */
    private static int anons(org.vmscope.model.amap.Amap amap, long first, long n) {
        int c = 0;
        for (long i = Math.max(0, first); i < first + n && i < amap.size(); i++) {
            if (amap.anon((int) i) != null) {
                c++;
            }
        }
        return c;
    }

    /** The objects and amaps the entries reach, each added to the State once, in order of first reference. */
    private final class Refs {
        private final StateFactory f;
        private final State s;
        private final Map<VmObject, MemoryObject> objects = new IdentityHashMap<>();
        private final Map<org.vmscope.model.amap.Amap, org.vmscope.model.state.Amap> amaps = new IdentityHashMap<>();
        private final StateParts.Names names = new StateParts.Names();

        Refs(StateFactory f, State s) {
            this.f = f;
            this.s = s;
        }

        MemoryObject object(VmObject o) {
            if (o == null) {
                return null;
            }
            MemoryObject m = objects.get(o);
            if (m != null) {
                return m;
            }
            long ps = kernel.arch().pageSize();
            m = f.createMemoryObject();
            m.setKind(switch (o.kind()) {
                case KERNEL -> ObjectKind.KERNEL;
                case FILE -> ObjectKind.FILE;
                case CONTIGUOUS -> ObjectKind.CONTIGUOUS;
                case PHYSMEM -> ObjectKind.PHYSMEM;
            });
            m.setPort(o.port());
            m.setId(o.id());
            m.setSize(o.size());
            m.setRefs(o.refs());
            int cached = 0;
            if (!o.isPhysmem()) {
                for (long off = 0; Long.compareUnsigned(off, o.size()) < 0 && off >= 0; off += ps) {
                    if (o.cached(off) != null) {
                        cached++;
                    }
                }
            }
            m.setCachedPages(cached);
            m.setPath(paths.get(o));
            Page first = o.kind() == VmObject.Kind.CONTIGUOUS ? o.cached(0) : null;
            m.setName(names.unique(StateParts.objectName(m.getKind(), o.port(), o.id(), first == null ? -1 : first.addr())));
            objects.put(o, m);
            s.getObjects().add(m);
            return m;
        }

        org.vmscope.model.state.Amap amap(org.vmscope.model.amap.Amap a) {
            if (a == null) {
                return null;
            }
            org.vmscope.model.state.Amap m = amaps.get(a);
            if (m != null) {
                return m;
            }
            m = f.createAmap();
            m.setName("amap " + (amaps.size() + 1));
            m.setRefs(a.refs());
            m.setSize(a.size());
            int anons = 0;
            int shared = 0;
            for (int i = 0; i < a.size(); i++) {
                if (a.anon(i) != null) {
                    anons++;
                    if (a.anon(i).refs() > 1) {
                        shared++;
                    }
                }
            }
            m.setAnonCount(anons);
            m.setSharedAnonCount(shared);
            amaps.put(a, m);
            s.getAmaps().add(m);
            return m;
        }
    }
}
