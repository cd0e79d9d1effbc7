package org.vmscope.bridge.kernel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.vmscope.model.check.AmapState;
import org.vmscope.model.check.AnonState;
import org.vmscope.model.check.EntryState;
import org.vmscope.model.check.KernelState;
import org.vmscope.model.check.KmallocState;
import org.vmscope.model.check.ObjectState;
import org.vmscope.model.check.PageArrayState;
import org.vmscope.model.check.Problem;
import org.vmscope.model.check.ZoneState;
import org.vmscope.model.phys.RamBank;
import org.vmscope.model.state.AddressSpace;
import org.vmscope.model.state.Architecture;
import org.vmscope.model.state.MemoryObject;
import org.vmscope.model.state.ObjectKind;
import org.vmscope.model.state.PhysicalMemory;
import org.vmscope.model.state.State;
import org.vmscope.model.state.StateFactory;
import org.vmscope.model.state.Target;
import org.vmscope.model.state.TargetSource;
import org.vmscope.model.state.build.ReadOnly;
import org.vmscope.model.state.build.StateParts;
import org.vmscope.model.state.data.PageRunTable;
import org.vmscope.model.state.snapshot.Snapshots;

/**
 * The EMF {@link State} of a decoded live kernel: the twin of vm-model's {@code StateBuilder.of(SimKernel)}, built
 * from {@link LiveStates} with the same shared parts ({@link StateParts}), so {@code vmscope diff} compares a live
 * picture with another (or with a simulated one) in the same terms. Read-only once built.
 */
public final class LiveStateBuilder {
    private static final int MAX_LIST_STEPS = 1 << 24;

    private final LiveStates live;
    private String name = "live target";
    private String archId;
    private List<RamBank> ram = List.of();
    private long stopCounter;
    private final List<Problem> problems = new ArrayList<>();

    private LiveStateBuilder(LiveStates live) {
        this.live = live;
    }

    public static LiveStateBuilder of(LiveStates live) {
        return new LiveStateBuilder(live);
    }

    /** The target's title, e.g. {@code live ia32 at 127.0.0.1:1234}. */
    public LiveStateBuilder name(String title) {
        this.name = title;
        return this;
    }

    /** The architecture id ({@code ia32}, {@code riscv64}...) and the RAM ranges the reads were limited to. */
    public LiveStateBuilder target(String arch, List<RamBank> ramRanges) {
        this.archId = arch;
        this.ram = List.copyOf(ramRanges);
        return this;
    }

    public LiveStateBuilder stopCounter(long n) {
        this.stopCounter = n;
        return this;
    }

    /** The checks' problems to attach. */
    public LiveStateBuilder problems(List<Problem> found) {
        problems.addAll(found);
        return this;
    }

    public State build() {
        StateFactory f = StateFactory.eINSTANCE;
        KernelState k = live.state();
        State s = f.createState();
        s.setFormatVersion(Snapshots.FORMAT_VERSION);
        s.setTarget(target(f));
        s.setPhysicalMemory(physicalMemory(f, k.pages()));
        org.vmscope.model.state.EntryPool pool = f.createEntryPool();
        pool.setTotal(k.pool().total());
        pool.setFree(k.pool().free());
        pool.setEntrySize((int) live.entrySize());
        s.setEntryPool(pool);
        if (k.kmalloc() != null) {
            s.setKmalloc(kmalloc(f, k.kmalloc()));
        }
        Refs refs = new Refs(f, s, k);
        for (LiveStates.Space sp : live.spaces()) {
            s.getAddressSpaces().add(space(f, sp, refs, k));
        }
        for (Problem p : problems) {
            s.getProblems().add(StateParts.problem(f, p));
        }
        return ReadOnly.freeze(s);
    }

    private Target target(StateFactory f) {
        Target t = f.createTarget();
        for (RamBank r : ram) {
            org.vmscope.model.state.RamBank rb = f.createRamBank();
            rb.setBase(r.base());
            rb.setSize(r.size());
            t.getRamBanks().add(rb);
        }
        t.setName(name);
        Architecture a = archId == null ? null : Architecture.get(archId);
        if (a != null) {
            t.setArch(a);
        }
        t.setPointerSize(live.image().pointerBytes());
        t.setPageSize(live.image().pageSize());
        t.setMmu(true);
        t.setSource(TargetSource.LIVE);
        t.setStopCounter(stopCounter);
        t.setTimestamp(System.currentTimeMillis());
        return t;
    }

    private PhysicalMemory physicalMemory(StateFactory f, PageArrayState p) {
        PhysicalMemory pm = f.createPhysicalMemory();
        if (p == null) {
            pm.setRuns(PageRunTable.EMPTY);
            return pm;
        }
        pm.setPageCount(p.count());
        pm.setPageStructSize((int) live.pageStructSize());
        pm.setTotalBytes(p.totalBytes());
        pm.setAllocBytes(p.allocBytes());
        pm.setFreeBytes(p.totalBytes() - p.allocBytes());
        pm.setBootBytes(p.bootBytes());
        PageRunTable.Builder runs = new PageRunTable.Builder(p.pageShift());
        long last = Long.MIN_VALUE;
        for (int i = 0; i < p.count(); i++) {
            if (last != Long.MIN_VALUE && Long.compareUnsigned(p.addr(i), last) <= 0) {
                break; // an unsorted array is the checks' finding; the table keeps the sorted prefix
            }
            runs.add(p.addr(i), 1, p.flags(i) & 0xffff);
            last = p.addr(i);
        }
        pm.setRuns(runs.build());
        for (int order = 0; order < p.listCount(); order++) {
            pm.getFreeBlocks().add(listLength(p, order));
        }
        return pm;
    }

    /** Blocks on buddy list {@code order}, following next links until the head comes round (bounded). */
    private static int listLength(PageArrayState p, int order) {
        int head = p.heads(order);
        int n = 0;
        Set<Integer> seen = new HashSet<>();
        for (int i = head; i >= 0 && seen.add(i) && n < MAX_LIST_STEPS; i = p.next(i)) {
            n++;
            if (p.next(i) == head) {
                break;
            }
        }
        return n;
    }

    private static org.vmscope.model.state.Kmalloc kmalloc(StateFactory f, KmallocState k) {
        List<StateParts.ZoneFacts> zones = new ArrayList<>();
        for (ZoneState z : k.zones().values()) {
            zones.add(new StateParts.ZoneFacts(z.vaddr(), z.blockPa(), z.blocksz(), z.blocks(), z.used(), z.first(),
                    z.id() == k.firstzone() ? 0 : z.id()));
        }
        return StateParts.kmalloc(f, k.allocBytes(), k.hdridx(), k.hdrblocks(), zones);
    }

    private static AddressSpace space(StateFactory f, LiveStates.Space sp, Refs refs, KernelState k) {
        AddressSpace a = f.createAddressSpace();
        a.setName(sp.name());
        a.setPid(sp.pid());
        a.setStart(sp.map().start());
        a.setStop(sp.map().stop());
        a.setPdir(sp.pdir());
        long ps = k.pageSize();
        for (EntryState e : sp.map().inOrder()) {
            AmapState am = k.amaps().get(e.amap());
            a.getEntries().add(StateParts.mapEntry(f, e.slot(), e.vaddr(), e.size(), e.prot(), e.protOrig(), e.flags(),
                    e.offs(), e.aoffs(), refs.object(e.object()), refs.amap(e.amap()),
                    am == null ? 0 : anons(am, e.aoffs() / ps, e.size() / ps)));
        }
        return a;
    }

    private static int anons(AmapState a, long first, long n) {
        int c = 0;
        for (long i = Math.max(0, first); i < first + n && i < a.size(); i++) {
            if (a.slot((int) i) != 0) {
                c++;
            }
        }
        return c;
    }

    /** Objects and amaps in order of first reference, each added once. */
    private final class Refs {
        private final StateFactory f;
        private final State s;
        private final KernelState k;
        private final Map<Long, MemoryObject> objects = new HashMap<>();
        private final Map<Long, org.vmscope.model.state.Amap> amaps = new HashMap<>();
        private final StateParts.Names names = new StateParts.Names();

        Refs(StateFactory f, State s, KernelState k) {
            this.f = f;
            this.s = s;
            this.k = k;
        }

        MemoryObject object(long handle) {
            if (handle == 0) {
                return null;
            }
            MemoryObject m = objects.get(handle);
            if (m != null) {
                return m;
            }
            m = f.createMemoryObject();
            ObjectState o = k.objects().get(handle);
            LiveObjects.ObjectFacts facts = live.objectFacts().get(handle);
            if (handle == ObjectState.PHYSMEM || o == null) {
                m.setKind(ObjectKind.PHYSMEM);
            } else {
                m.setKind(switch (o.kind()) {
                    case KERNEL -> ObjectKind.KERNEL;
                    case FILE -> ObjectKind.FILE;
                    case CONTIGUOUS -> ObjectKind.CONTIGUOUS;
                });
                m.setRefs(o.refs());
                m.setCachedPages(o.cachedPages());
            }
            long port = facts == null ? 0 : facts.port();
            long id = facts == null ? 0 : facts.id();
            if (facts != null) {
                m.setPort((int) port);
                m.setId(id);
                m.setSize(facts.size());
            }
            long first = o == null ? -1 : o.pageAt(0, k.pageSize());
            m.setName(names.unique(StateParts.objectName(m.getKind(), port, id, first)));
            objects.put(handle, m);
            s.getObjects().add(m);
            return m;
        }

        org.vmscope.model.state.Amap amap(long handle) {
            if (handle == 0) {
                return null;
            }
            org.vmscope.model.state.Amap m = amaps.get(handle);
            if (m != null) {
                return m;
            }
            AmapState a = k.amaps().get(handle);
            m = f.createAmap();
            m.setName("amap " + (amaps.size() + 1));
            if (a != null) {
                m.setRefs(a.refs());
                m.setSize(a.size());
                int anons = 0;
                int shared = 0;
                for (int i = 0; i < a.size(); i++) {
                    AnonState an = k.anons().get(a.slot(i));
                    if (a.slot(i) != 0) {
                        anons++;
                        if (an != null && an.refs() > 1) {
                            shared++;
                        }
                    }
                }
                m.setAnonCount(anons);
                m.setSharedAnonCount(shared);
            }
            amaps.put(handle, m);
            s.getAmaps().add(m);
            return m;
        }
    }
}
