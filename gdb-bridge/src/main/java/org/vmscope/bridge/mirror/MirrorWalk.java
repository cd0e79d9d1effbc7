package org.vmscope.bridge.mirror;

import java.util.ArrayList;
import java.util.List;
import org.vmscope.model.pmap.MappedRange;
import org.vmscope.model.pmap.WalkProblem;

/**
 * Everything one stop's walk found: per-root walks, the problems met, and whether the result is partial
 * (the target went away mid-walk, or a walk hit its entry cap).
 *
 * @param problems  human-readable problems: the setup's, every walk problem, a lost connection
 * @param cost      what the walk read from the target
 */
public record MirrorWalk(PagingSetup setup, List<RootWalk> walks, List<String> problems, boolean partial,
        ReadStats cost) {

    public MirrorWalk {
        walks = List.copyOf(walks);
        problems = List.copyOf(problems);
    }

    /** The merged ranges of every root, by VA (unsigned). */
    public List<MappedRange> ranges() {
        List<MappedRange> all = new ArrayList<>();
        for (RootWalk w : walks) {
            all.addAll(w.walk().ranges());
        }
        all.sort((a, b) -> Long.compareUnsigned(a.va(), b.va()));
        return all;
    }

    /** The root whose walk produced {@code r}. */
    public NamedRoot rootOf(MappedRange r) {
        for (RootWalk w : walks) {
            if (w.walk().ranges().contains(r)) {
                return w.root();
            }
        }
        return null;
    }

    /** The structured walk problems of every root. */
    public List<WalkProblem> walkProblems() {
        List<WalkProblem> all = new ArrayList<>();
        for (RootWalk w : walks) {
            all.addAll(w.walk().problems());
        }
        return all;
    }
}
