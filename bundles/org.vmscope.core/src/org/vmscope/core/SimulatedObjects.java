package org.vmscope.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.vmscope.model.map.MapEntry;
import org.vmscope.model.object.VmObject;
import org.vmscope.model.proc.Process;
import org.vmscope.model.proc.Processes;

/** Gathers the memory objects of a simulated kernel's maps into {@link MemoryObjectInfo}s, users included. */
final class SimulatedObjects {
    /** Bounds the cache scan of one object: a corrupt size must not stall the UI. */
    private static final long MAX_PAGES = 1L << 24;

    private SimulatedObjects() {
    }

    static List<MemoryObjectInfo> read(Processes ps) {
        Map<VmObject, List<MemoryObjectInfo.User>> users = new IdentityHashMap<>();
        List<VmObject> order = new ArrayList<>();
        List<Process> alive = new ArrayList<>(ps.all());
        alive.removeIf(p -> !p.alive());
        alive.sort(Comparator.comparingInt(Process::pid));
        for (MapEntry e : ps.kernel().kmap().entries()) {
            // NOMMU: processes live in the kernel map; the ranges they own say whose an entry is
            Process owner = nommuOwner(alive, e);
            add(e, owner == null ? AddressSpace.KERNEL : owner.pid(), owner == null ? "kernel" : owner.name(),
                    users, order);
        }
        for (Process p : alive) {
            if (p.map() != null && p.map() != ps.kernel().kmap()) {
                for (MapEntry e : p.map().entries()) {
                    add(e, p.pid(), p.name(), users, order);
                }
            }
        }
        long pageSize = ps.kernel().arch().pageSize();
        List<MemoryObjectInfo> out = new ArrayList<>();
        for (VmObject o : order) {
            out.add(new MemoryObjectInfo(o.port() + "." + Long.toUnsignedString(o.id()),
                    o.kind().name().toLowerCase(), o.size(), o.refs(), cachedPages(o, pageSize), users.get(o)));
        }
        return out;
    }

    private static void add(MapEntry e, long pid, String process, Map<VmObject, List<MemoryObjectInfo.User>> users,
            List<VmObject> order) {
        VmObject o = e.object();
        // anonymous memory has no object; PHYSMEM is a marker (its offset is a physical address), not an object
        if (o == null || o.isPhysmem()) {
            return;
        }
        users.computeIfAbsent(o, k -> {
            order.add(k);
            return new ArrayList<>();
        }).add(new MemoryObjectInfo.User(pid, process, e.vaddr(), e.size(), e.prot(), e.flags(), e.offs()));
    }

    private static Process nommuOwner(List<Process> alive, MapEntry e) {
        for (Process p : alive) {
            if (p.map() != null) {
                continue;
            }
            for (long[] r : p.ownedRanges()) {
                if (Long.compareUnsigned(e.vaddr(), r[1]) < 0 && Long.compareUnsigned(r[0], e.end()) < 0) {
                    return p;
                }
            }
        }
        return null;
    }

    private static long cachedPages(VmObject o, long pageSize) {
        long n = Math.min(MAX_PAGES, (o.size() + pageSize - 1) / pageSize);
        long cached = 0;
        for (long i = 0; i < n; i++) {
            if (o.cached(i * pageSize) != null) {
                cached++;
            }
        }
        return cached;
    }
}
