package org.vmscope.model.kernel;

import java.util.HashSet;
import java.util.Set;

/**
 * Which kernel page-table pages exist during boot, at the two granularities boot cares about: the span one
 * last-level table maps ({@code leafSpan}, for heap pages mapped by {@code _page_sbrk}) and the step of
 * {@code _pmap_kernelSpaceExpand} ({@code expandSpan}). Where both are equal (ia32, armv7a, aarch64) one
 * table serves both. The boot tables cover {@code [vaddrKernel, bootTablesEnd)}.
 */
final class KernelTables {
    private final KernelLayout layout;
    private final Set<Long> leaf = new HashSet<>();
    private final Set<Long> expand = new HashSet<>();

    KernelTables(KernelLayout layout) {
        this.layout = layout;
        for (long va = layout.vaddrKernel(); Long.compareUnsigned(va, layout.bootTablesEnd()) < 0;
                va += layout.leafSpan()) {
            leaf.add(slot(va, layout.leafSpan()));
            expand.add(slot(va, layout.expandSpan()));
        }
    }

    private static long slot(long va, long span) {
        return Long.divideUnsigned(va, span);
    }

    private boolean shared() {
        return layout.leafSpan() == layout.expandSpan();
    }

    /** A {@link SoftPmap} holding exactly the tables that exist now. */
    SoftPmap toSoftPmap(long pageSize) {
        if (shared()) {
            SoftPmap p = new SoftPmap(0, pageSize, layout.leafSpan());
            leaf.forEach(s -> p.presetSlot(0, s));
            return p;
        }
        SoftPmap p = new SoftPmap(0, pageSize, layout.expandSpan(), layout.leafSpan());
        expand.forEach(s -> p.presetSlot(0, s));
        leaf.forEach(s -> p.presetSlot(1, s));
        return p;
    }

    /** Whether the upper (expand-level) table covering {@code va} exists. */
    boolean hasExpand(long va) {
        return expand.contains(slot(va, layout.expandSpan()));
    }

    void addExpand(long va) {
        expand.add(slot(va, layout.expandSpan()));
        if (shared()) {
            leaf.add(slot(va, layout.leafSpan()));
        }
    }

    boolean hasLeaf(long va) {
        return leaf.contains(slot(va, layout.leafSpan()));
    }

    void addLeaf(long va) {
        leaf.add(slot(va, layout.leafSpan()));
        if (shared()) {
            expand.add(slot(va, layout.expandSpan()));
        }
    }
}
