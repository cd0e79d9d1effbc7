package org.vmscope.model.psh;

import java.util.ArrayList;
import java.util.List;

import org.vmscope.model.kernel.SimKernel;
import org.vmscope.model.kernel.SyspageMap;
import org.vmscope.model.map.MapEntry;
import org.vmscope.model.map.VmMap;

/**
 * {@code mapinfo_t} (phoenix-vm.md §5.1): one NOMMU shared map as meminfo's {@code maps} section reports it.
 * Physical = {@code pmap.start/end}, virtual = {@code map.start/stop} (the same range on NOMMU); {@code alloc}
 * is the sum of the map's entry sizes, {@code free} the rest; the name is the syspage map's, cut to 15 bytes.
 */
public record MapInfo(int id, long pstart, long pend, long vstart, long vend, long alloc, long free, String name) {
    private static final int NAME_MAX = 15;

    /** Every shared map of {@code k} by id; empty on MMU targets ({@code mapssz} = 0). */
    public static List<MapInfo> of(SimKernel k) {
        List<MapInfo> out = new ArrayList<>();
        List<SyspageMap> sm = k.machine().syspageMaps();
        for (int id = 0; id < k.sharedMaps().size(); id++) {
            VmMap m = k.sharedMap(id);
            long alloc = 0;
            for (MapEntry e : m.entries()) {
                alloc += e.size();
            }
            String name = sm.get(id).name();
            out.add(new MapInfo(id, m.start(), m.stop(), m.start(), m.stop(), alloc, m.stop() - m.start() - alloc,
                    name.length() > NAME_MAX ? name.substring(0, NAME_MAX) : name));
        }
        return out;
    }
}
