package org.vmscope.model.check;

import java.util.HashSet;
import java.util.Set;

import org.vmscope.model.phys.MemoryAccessException;
import org.vmscope.model.phys.PhysReader;
import org.vmscope.model.pmap.PageEntry;
import org.vmscope.model.pmap.PageTableFormat;
import org.vmscope.model.pmap.PagingGeometry;
import org.vmscope.model.pmap.PagingRoot;

/**
 * The frames of the page tables below a root that serve a VA window (the root's own frame excluded), found by
 * following table entries through physical memory. Each table is read once; unreadable tables are skipped.
 */
public final class TableFrames {
    private TableFrames() {
    }

    /** The table frames (page aligned) below {@code root} serving {@code [vaFirst, vaLast]}. */
    public static Set<Long> below(PhysReader phys, PagingRoot root, long vaFirst, long vaLast, long pageSize) {
        Set<Long> frames = new HashSet<>();
        Set<Long> visited = new HashSet<>();
        visited.add(root.tablePa());
        visit(phys, root.format(), root.tablePa(), 0, 0, vaFirst, vaLast, pageSize, frames, visited);
        return frames;
    }

    private static void visit(PhysReader phys, PageTableFormat f, long tablePa, int level, long baseOffset,
            long vaFirst, long vaLast, long pageSize, Set<Long> frames, Set<Long> visited) {
        PagingGeometry g = f.geometry();
        if (level >= g.lastLevel()) {
            return;
        }
        byte[] table;
        try {
            table = phys.read(tablePa, g.tableBytes(level));
        } catch (MemoryAccessException | RuntimeException e) {
            return;
        }
        int shift = g.shift(level);
        long span = 1L << shift;
        for (int idx = level == 0 ? g.firstTopIndex() : 0; idx < g.entries(level); idx++) {
            long offset = baseOffset + ((long) idx << shift);
            long va = g.canonical(offset);
            if (Long.compareUnsigned(va + span - 1, vaFirst) < 0 || Long.compareUnsigned(va, vaLast) > 0) {
                continue;
            }
            PageEntry e;
            try {
                e = f.decode(f.entryAt(table, idx), level);
            } catch (RuntimeException ex) {
                continue;
            }
            if (e.isTable() && visited.add(e.pa())) {
                frames.add(e.pa() & ~(pageSize - 1));
                visit(phys, f, e.pa(), level + 1, offset, vaFirst, vaLast, pageSize, frames, visited);
            }
        }
    }
}
