package org.vmscope.model.map;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

import org.vmscope.model.pmap.PageAttr;
import org.vmscope.model.pmap.Pmap;

/** A recording pmap for mapper tests: one table per {@code span} bytes, PTEs in a sorted map. */
final class FakePmap implements Pmap {
    record Pte(long pa, int attr) {
    }

    final long span;
    final TreeMap<Long, Pte> ptes = new TreeMap<>();
    final Set<Long> tables = new HashSet<>();
    final List<Long> tableFrames = new ArrayList<>();
    int enters;
    int removes;

    /** @param span bytes one table covers; 0 for a pmap that never needs tables */
    FakePmap(long span) {
        this.span = span;
    }

    @Override
    public int enter(long pa, long va, int attr, long tablePage) {
        enters++;
        if (span != 0 && !tables.contains(Long.divideUnsigned(va, span))) {
            if (tablePage == -1) {
                return NEEDS_TABLE;
            }
            tables.add(Long.divideUnsigned(va, span));
            tableFrames.add(tablePage);
        }
        if ((attr & PageAttr.PRESENT) == 0) {
            ptes.remove(va);
        } else {
            ptes.put(va, new Pte(pa, attr));
        }
        return 0;
    }

    @Override
    public void remove(long vstart, long vend) {
        removes++;
        ptes.subMap(vstart, vend).clear();
    }

    @Override
    public long resolve(long va) {
        Pte p = ptes.get(va & ~0xfffL);
        return p == null ? 0 : p.pa();
    }

    @Override
    public long root() {
        return 0;
    }

    @Override
    public List<Long> destroy() {
        return List.copyOf(tableFrames);
    }
}
