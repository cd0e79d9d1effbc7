package org.vmscope.bridge.mirror;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link PagingRootDetector} found: the architecture, the roots to walk (TTBR0 and TTBR1 are two),
 * the registers it read, remarks, and — when nothing can be walked — why.
 *
 * @param arch      null when the architecture could not be told
 * @param problem   empty when {@code roots} can be walked; otherwise what stops the walk (paging off,
 *                  a register missing, an unsupported mode)
 */
public record PagingSetup(TargetArch arch, List<NamedRoot> roots, Map<String, Long> registers, List<String> notes,
        String problem) {

    public PagingSetup {
        roots = List.copyOf(roots);
        registers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(registers));
        notes = List.copyOf(notes);
        problem = problem == null ? "" : problem;
    }

    /** Whether there is something to walk. */
    public boolean walkable() {
        return problem.isEmpty() && !roots.isEmpty();
    }
}
