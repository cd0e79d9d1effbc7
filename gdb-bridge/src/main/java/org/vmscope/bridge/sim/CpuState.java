package org.vmscope.bridge.sim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.vmscope.model.pmap.PagingRoot;
import org.vmscope.model.pmap.Pmap;

/**
 * The simulated CPU at a stop: register values by description name (registers not listed read as zero) and
 * the page-table roots its MMU walks, derived from those register values the way the hardware would.
 *
 * @param active the pmap whose tables the paging registers select
 * @param mmuOn  false on NOMMU targets: virtual addresses are physical
 */
record CpuState(Map<String, Long> values, List<PagingRoot> roots, Pmap active, boolean mmuOn) {

    CpuState {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        roots = List.copyOf(roots);
    }

    long value(String name) {
        Long v = values.get(name);
        return v == null ? 0 : v;
    }

    OptionalLong find(String name) {
        Long v = values.get(name);
        return v == null ? OptionalLong.empty() : OptionalLong.of(v);
    }
}
