package org.vmscope.model.check;

import java.util.List;
import java.util.Map;

import org.vmscope.model.kernel.SimKernel;
import org.vmscope.model.phys.PhysReader;
import org.vmscope.model.proc.Processes;

/**
 * Runs the consistency checks. {@link #run(KernelState)} runs all of them; the per-layer entry points take
 * only that layer's state, so a mirror that decoded part of a target can check that part.
 */
public final class Checks {
    private Checks() {
    }

    /**
     * Every check over the kernel map of {@code k}, without a boot baseline. User maps are not known to the
     * kernel model: add them with {@link SimStates#map}, or their pool entries and page directories show as
     * leaks.
     */
    public static List<Problem> run(SimKernel k) {
        return run(SimStates.of(k).capture());
    }

    /**
     * Every check over the kernel and the processes of {@code ps} (see {@link SimStates#of(Processes)});
     * {@code baseline} (null for none) attributes the frames boot left allocated.
     */
    public static List<Problem> run(Processes ps, BootBaseline baseline) {
        SimStates st = SimStates.of(ps);
        if (baseline != null) {
            st.baseline(baseline);
        }
        List<Problem> out = new java.util.ArrayList<>(run(st.capture()));
        out.addAll(MpuChecks.run(ps));
        return out;
    }

    /** Every check over {@code s}. */
    public static List<Problem> run(KernelState s) {
        ProblemSink sink = new ProblemSink();
        if (s.pages != null) {
            pageAllocator(s.pages, sink);
        }
        for (MapState m : s.maps) {
            map(m, s.pageSize, s.amaps, sink);
        }
        EntryPoolChecks.run(s.pool, s.maps, sink);
        refCounts(s, sink);
        if (s.kmalloc != null) {
            kmalloc(s.kmalloc, s.phys, s.kmap, sink);
        }
        FrameOwnershipChecks.run(s, sink);
        for (MapState m : s.maps) {
            PteChecks.run(s, m, sink);
        }
        return sink.problems();
    }

    /** Page array, counters, buddy lists and free blocks (§3.1). */
    public static List<Problem> pageAllocator(PageArrayState s) {
        ProblemSink sink = new ProblemSink();
        pageAllocator(s, sink);
        return sink.problems();
    }

    /** One map's tree, gaps and entries (§2.3); {@code amaps} resolves entries' amap handles (may be empty). */
    public static List<Problem> map(MapState m, long pageSize, Map<Long, AmapState> amaps) {
        ProblemSink sink = new ProblemSink();
        map(m, pageSize, amaps, sink);
        return sink.problems();
    }

    /** The entry pool against all live maps (§2.3). */
    public static List<Problem> entryPool(EntryPoolState pool, List<MapState> maps) {
        ProblemSink sink = new ProblemSink();
        EntryPoolChecks.run(pool, maps, sink);
        return sink.problems();
    }

    /** amap, anon and object reference counts against holders counted from the maps (§3.8). */
    public static List<Problem> refCounts(KernelState s) {
        ProblemSink sink = new ProblemSink();
        refCounts(s, sink);
        return sink.problems();
    }

    /** kmalloc's lists and counters and every zone's free list (read through {@code phys}) (§3.11, §3.12). */
    public static List<Problem> kmalloc(KmallocState k, PhysReader phys, MapState kmap) {
        ProblemSink sink = new ProblemSink();
        kmalloc(k, phys, kmap, sink);
        return sink.problems();
    }

    /** Frame ownership: leaks, double owners, owners of free frames. */
    public static List<Problem> frames(KernelState s) {
        ProblemSink sink = new ProblemSink();
        FrameOwnershipChecks.run(s, sink);
        return sink.problems();
    }

    /** Page-table entries against the entries of every map. */
    public static List<Problem> ptes(KernelState s) {
        ProblemSink sink = new ProblemSink();
        for (MapState m : s.maps) {
            PteChecks.run(s, m, sink);
        }
        return sink.problems();
    }

    private static void pageAllocator(PageArrayState s, ProblemSink sink) {
        PageArrayChecks.run(s, sink);
        BuddyListChecks.Lists lists = BuddyListChecks.run(s, sink);
        FreeBlockChecks.run(s, lists, sink);
    }

    private static void map(MapState m, long pageSize, Map<Long, AmapState> amaps, ProblemSink sink) {
        MapTreeChecks.run(m, sink);
        MapEntryChecks.run(m, pageSize, amaps, sink);
    }

    private static void refCounts(KernelState s, ProblemSink sink) {
        RefCountChecks.run(s, RefCountChecks.holders(s.maps, s.pageSize, s.amaps), sink);
    }

    private static void kmalloc(KmallocState k, PhysReader phys, MapState kmap, ProblemSink sink) {
        KmallocChecks.run(k, sink);
        for (ZoneState z : k.zones.values()) {
            ZoneChecks.run(z, phys, k.pointerBytes, k.byteOrder, kmap, sink);
        }
    }
}
