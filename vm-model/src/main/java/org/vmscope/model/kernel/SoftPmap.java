package org.vmscope.model.kernel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.vmscope.model.pmap.PageAttr;
import org.vmscope.model.pmap.Pmap;

/**
 * A software {@link Pmap}: translations in a hash map instead of hardware tables in RAM, with the table
 * accounting of a real pmap (one table per {@code span} at each level, requested from the caller through
 * {@link Pmap#NEEDS_TABLE}). It gives the mapper the same P-page consumption as the hardware formats without
 * writing entries; plug a real {@code org.vmscope.model.pmap} implementation in where the bytes matter.
 */
public final class SoftPmap implements Pmap {
    private final long rootPa;
    private final long pageSize;
    private final long[] spans;
    private final List<Set<Long>> tables = new ArrayList<>();
    private final List<Long> tableFrames = new ArrayList<>();
    private final Map<Long, long[]> ptes = new HashMap<>();

    /**
     * @param rootPa   physical address reported as the paging root
     * @param pageSize SIZE_PAGE
     * @param spans    bytes one table covers at each level below the root, largest first
     */
    public SoftPmap(long rootPa, long pageSize, long... spans) {
        this.rootPa = rootPa;
        this.pageSize = pageSize;
        this.spans = spans.clone();
        for (int i = 0; i < spans.length; i++) {
            tables.add(new HashSet<>());
        }
    }

    /** Marks the tables covering {@code [start, end)} as existing (boot tables). */
    public void presetTables(long start, long end) {
        for (int l = 0; l < spans.length; l++) {
            for (long va = start - Long.remainderUnsigned(start, spans[l]); Long.compareUnsigned(va, end) < 0;
                    va += spans[l]) {
                tables.get(l).add(Long.divideUnsigned(va, spans[l]));
                if (va + spans[l] == 0) {
                    break;
                }
            }
        }
    }

    /** Marks the level-{@code level} table with index {@code va / span(level)} as existing. */
    public void presetSlot(int level, long slot) {
        tables.get(level).add(slot);
    }

    /** Whether every table level for {@code va} exists. */
    public boolean hasTables(long va) {
        for (int l = 0; l < spans.length; l++) {
            if (!tables.get(l).contains(Long.divideUnsigned(va, spans[l]))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int enter(long pa, long va, int attr, long tablePage) {
        long table = tablePage;
        for (int l = 0; l < spans.length; l++) {
            long slot = Long.divideUnsigned(va, spans[l]);
            if (!tables.get(l).contains(slot)) {
                if (table == -1) {
                    return NEEDS_TABLE;
                }
                tables.get(l).add(slot);
                tableFrames.add(table);
                table = -1;
            }
        }
        long page = va & ~(pageSize - 1);
        if ((attr & PageAttr.PRESENT) == 0) {
            ptes.remove(page);
        } else {
            ptes.put(page, new long[] {pa & ~(pageSize - 1), attr});
        }
        return 0;
    }

    @Override
    public void remove(long vstart, long vend) {
        for (long va = vstart; Long.compareUnsigned(va, vend) < 0; va += pageSize) {
            ptes.remove(va);
        }
    }

    @Override
    public long resolve(long va) {
        long[] e = ptes.get(va & ~(pageSize - 1));
        return e == null ? 0 : e[0];
    }

    /** The attributes entered for {@code va}, or -1 when unmapped. */
    public int attr(long va) {
        long[] e = ptes.get(va & ~(pageSize - 1));
        return e == null ? -1 : (int) e[1];
    }

    /** Number of mapped pages. */
    public int mappedPages() {
        return ptes.size();
    }

    @Override
    public long root() {
        return rootPa;
    }

    @Override
    public List<Long> destroy() {
        return List.copyOf(tableFrames);
    }
}
