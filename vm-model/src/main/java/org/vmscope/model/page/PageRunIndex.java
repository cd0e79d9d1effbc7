package org.vmscope.model.page;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.IntPredicate;

/**
 * The page array's runs kept up to date as pages change, so a viewer's refresh after one allocation costs
 * the changed pages plus a tree lookup instead of a pass over the whole array. Runs are half-open index
 * ranges; whether page {@code j} continues the run of page {@code j - 1} is the caller's rule (same marker and
 * physically adjacent, optionally the same flags). A change to pages {@code [a, b)} can only move run
 * boundaries at {@code a}, inside the range and at {@code b}: the index cuts the runs there, rescans the
 * range, and joins the ends back to their neighbours when the rule allows.
 */
final class PageRunIndex {
    private final IntPredicate continues;
    private final NavigableMap<Integer, Integer> runs = new TreeMap<>();
    private int count;
    private boolean valid;
    private List<int[]> cached;

    /** @param continues whether page {@code j} (> 0) belongs to the run of page {@code j - 1} */
    PageRunIndex(IntPredicate continues) {
        this.continues = continues;
    }

    /** Forgets everything; the next query rebuilds from {@code count} pages. */
    void reset(int pageCount) {
        count = pageCount;
        valid = false;
        cached = null;
    }

    /** Pages {@code [from, to)} changed their flags. */
    void changed(int from, int to) {
        cached = null;
        if (!valid || from >= to) {
            return;
        }
        int a = Math.max(0, from);
        int b = Math.min(count, to);
        cut(a);
        cut(b);
        runs.subMap(a, true, b, false).clear();
        scan(a, b);
        if (a > 0 && continues.test(a)) {
            join(runs.floorKey(a - 1), a);
        }
        if (b < count && continues.test(b)) {
            join(runs.floorKey(b - 1), b);
        }
    }

    /** The runs as {@code {start, end}} index pairs in address order (a shared, unmodifiable list). */
    List<int[]> runs() {
        if (!valid) {
            runs.clear();
            scan(0, count);
            valid = true;
        }
        if (cached == null) {
            List<int[]> out = new ArrayList<>(runs.size());
            for (Map.Entry<Integer, Integer> e : runs.entrySet()) {
                out.add(new int[] {e.getKey(), e.getValue()});
            }
            cached = Collections.unmodifiableList(out);
        }
        return cached;
    }

    /** Makes {@code x} a run boundary, splitting the run that spans it. */
    private void cut(int x) {
        Map.Entry<Integer, Integer> e = runs.floorEntry(x);
        if (e != null && e.getKey() < x && x < e.getValue()) {
            runs.put(e.getKey(), x);
            runs.put(x, e.getValue());
        }
    }

    private void scan(int a, int b) {
        int i = a;
        while (i < b) {
            int j = i + 1;
            while (j < b && continues.test(j)) {
                j++;
            }
            runs.put(i, j);
            i = j;
        }
    }

    /** Joins the run starting at {@code right} onto the one starting at {@code left} that ends there. */
    private void join(int left, int right) {
        Integer end = runs.remove(right);
        if (end != null) {
            runs.put(left, end);
        }
    }
}
