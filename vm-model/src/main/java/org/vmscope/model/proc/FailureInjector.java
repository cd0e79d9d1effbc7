package org.vmscope.model.proc;

import java.util.EnumMap;
import java.util.Map;

import org.vmscope.model.kernel.SimKernel;

/**
 * Failure injection for the ENOMEM paths (phoenix-vm.md §7 "Error paths and refcounts under ENOMEM"): after
 * {@code after} further successful requests, the next {@code count} requests of a resource fail as if it were
 * exhausted (pages: empty buddy lists; entries: an empty map-entry pool; kmalloc: NULL).
 */
public final class FailureInjector {

    /** The resources that can be made to fail. */
    public enum Resource {
        PAGES, ENTRIES, KMALLOC
    }

    private static final class Rule {
        long after;
        long count;
    }

    private final Map<Resource, Rule> rules = new EnumMap<>(Resource.class);
    private final Map<Resource, Long> injected = new EnumMap<>(Resource.class);

    /** Installs the hooks into {@code k}'s page allocator, entry pool and kmalloc. */
    public FailureInjector(SimKernel k) {
        if (k.pages() != null) {
            k.pages().setFailureHook(() -> fail(Resource.PAGES));
        }
        k.entryPool().setFailureHook(() -> fail(Resource.ENTRIES));
        if (k.kmalloc() != null) {
            k.kmalloc().setFailureHook(() -> fail(Resource.KMALLOC));
        }
    }

    /**
     * Arms {@code r}: {@code after} requests succeed, then {@code count} fail ({@code count < 0}: all of them
     * until {@link #clear}).
     */
    public void arm(Resource r, long after, long count) {
        Rule rule = new Rule();
        rule.after = Math.max(0, after);
        rule.count = count < 0 ? Long.MAX_VALUE : count;
        rules.put(r, rule);
    }

    public void clear(Resource r) {
        rules.remove(r);
    }

    public void clearAll() {
        rules.clear();
    }

    public boolean armed(Resource r) {
        return rules.containsKey(r);
    }

    /** How many requests of {@code r} were failed by injection so far. */
    public long injected(Resource r) {
        return injected.getOrDefault(r, 0L);
    }

    private boolean fail(Resource r) {
        Rule rule = rules.get(r);
        if (rule == null) {
            return false;
        }
        if (rule.after > 0) {
            rule.after--;
            return false;
        }
        if (rule.count <= 0) {
            rules.remove(r);
            return false;
        }
        rule.count--;
        injected.merge(r, 1L, Long::sum);
        return true;
    }
}
