package org.vmscope.bridge.mirror;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.vmscope.model.phys.MemoryAccessException;
import org.vmscope.model.pmap.PageEntry;
import org.vmscope.model.pmap.PageTableFormat;
import org.vmscope.model.pmap.PagingGeometry;
import org.vmscope.model.pmap.PagingRoot;

/**
 * Reads a root's tables level by level before the walker runs, so that every level costs one batch of
 * pipelined reads instead of one round trip per table. It only follows TABLE entries as the format
 * decodes them; the walker still does the walk (cycles, limits, problems) from the cache it leaves.
 */
final class TablePrefetcher {
    /** Cap on tables prefetched per root; the walker reads on demand beyond it. */
    static final int MAX_TABLES = 1 << 15;

    private TablePrefetcher() {
    }

    static void prefetch(GdbPhysReader reader, PagingRoot root) {
        prefetch(reader, List.of(root));
    }

    /**
     * The tables of several roots of one format together: each level of all of them is one batch, and a table
     * shared by several roots (the kernel half) is read once.
     */
    static void prefetch(GdbPhysReader reader, Collection<PagingRoot> roots) {
        if (roots.isEmpty()) {
            return;
        }
        PageTableFormat f = roots.iterator().next().format();
        PagingGeometry g = f.geometry();
        List<Long> frontier = new ArrayList<>(new LinkedHashSet<>(roots.stream().map(PagingRoot::tablePa).toList()));
        Set<Long> seen = new HashSet<>(frontier);
        for (int level = 0; level < g.levels() && !frontier.isEmpty() && !reader.lost(); level++) {
            int bytes = g.tableBytes(level);
            List<PhysRange> ranges = new ArrayList<>();
            for (long pa : frontier) {
                ranges.add(new PhysRange(pa, bytes));
            }
            reader.prefetch(ranges);
            if (level == g.lastLevel()) {
                break;
            }
            List<Long> next = new ArrayList<>();
            for (long pa : frontier) {
                if (!reader.isCached(pa, bytes)) {
                    continue; // the walker reports it
                }
                byte[] table;
                try {
                    table = reader.read(pa, bytes);
                } catch (MemoryAccessException e) {
                    continue;
                }
                int first = level == 0 ? g.firstTopIndex() : 0;
                for (int i = first; i < g.entries(level) && seen.size() < MAX_TABLES; i++) {
                    PageEntry e;
                    try {
                        e = f.decode(f.entryAt(table, i), level);
                    } catch (RuntimeException ex) {
                        continue;
                    }
                    if (e.isTable() && seen.add(e.pa())) {
                        next.add(e.pa());
                    }
                }
            }
            frontier = next;
        }
    }
}
