package org.vmscope.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.vmscope.bridge.kernel.LiveObjects.ObjectFacts;
import org.vmscope.bridge.kernel.LiveStates;
import org.vmscope.model.check.EntryState;
import org.vmscope.model.check.KmallocState;
import org.vmscope.model.check.ObjectState;
import org.vmscope.model.check.ZoneState;

/**
 * The Kernel Heap and Memory Objects views' rows from a live kernel decoded by {@link LiveStates}: the
 * twins of {@link SimulatedHeap} and {@link SimulatedObjects}, so both targets fill the same views.
 */
final class LiveKernelViews {

    private LiveKernelViews() {
    }

    /** kmalloc's zones grouped by class, with the entry pool's fill. */
    static KernelHeap heap(KmallocState kmalloc, long entriesUsed, long entriesTotal) {
        if (kmalloc == null) {
            return new KernelHeap(List.of(), 0, entriesUsed, entriesTotal);
        }
        java.util.SortedMap<Integer, List<KernelHeap.Zone>> byClass = new TreeMap<>();
        for (ZoneState z : kmalloc.zones().values()) {
            if (z.blocksz() <= 0) {
                continue; // a zone the decoder could not read; the checks report it
            }
            int idx = 63 - Long.numberOfLeadingZeros(z.blocksz());
            byClass.computeIfAbsent(idx, k -> new ArrayList<>())
                    .add(new KernelHeap.Zone(z.vaddr(), z.blocksz(), z.used(), z.blocks()));
        }
        return KernelHeap.ofZones(byClass, kmalloc.allocBytes(), entriesUsed, entriesTotal);
    }

    /** Every decoded object (the kernel's, files, contiguous buffers) with the entries of every map using it. */
    static List<MemoryObjectInfo> objects(LiveStates live) {
        Map<Long, List<MemoryObjectInfo.User>> users = new LinkedHashMap<>();
        for (LiveStates.Space s : live.spaces()) {
            long pid = s.pid() == LiveStates.KERNEL_PID ? AddressSpace.KERNEL : s.pid();
            for (EntryState e : s.map().inOrder()) {
                if (e.object() == 0 || e.object() == ObjectState.PHYSMEM) {
                    continue; // anonymous memory, or PHYSMEM's marker (its offset is a physical address)
                }
                users.computeIfAbsent(e.object(), k -> new ArrayList<>()).add(new MemoryObjectInfo.User(pid, s.name(),
                        e.vaddr(), e.size(), e.prot(), e.flags(), e.offs()));
            }
        }
        Map<Long, ObjectState> objects = live.state().objects();
        Map<Long, ObjectFacts> facts = live.objectFacts();
        List<MemoryObjectInfo> out = new ArrayList<>();
        for (Map.Entry<Long, ObjectState> o : objects.entrySet()) {
            ObjectFacts f = facts.get(o.getKey());
            String oid = f == null ? "?" : f.port() + "." + Long.toUnsignedString(f.id());
            if (f != null && f.kind() == ObjectState.Kind.CONTIGUOUS) {
                oid = "-1.-1";
            }
            out.add(new MemoryObjectInfo(oid, o.getValue().kind().name().toLowerCase(), f == null ? 0 : f.size(),
                    o.getValue().refs(), o.getValue().cachedPages(), users.getOrDefault(o.getKey(), List.of())));
        }
        return out;
    }
}
