package org.vmscope.model.check;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.vmscope.model.pmap.MappedRange;
import org.vmscope.model.pmap.WalkProblem;

/**
 * One decoded {@code vm_map_t}: its range, the root slot of its entry tree, every entry node decoded (keyed
 * by pool slot; nodes are reached by following links from the root, so a corrupt link may name a slot that
 * is missing here), and, when known, what its page tables translate.
 */
public final class MapState {
    final String name;
    final long id;
    final long start;
    final long stop;
    int root;
    final Map<Integer, EntryState> nodes;
    Translations translations;

    /**
     * @param name  how problems name the map, e.g. {@code map of pid 3} or {@code kernel map}
     * @param id    the handle entries' {@code map} back pointers use
     * @param root  slot of the tree root, {@link PageArrayState#NIL} when empty
     */
    public MapState(String name, long id, long start, long stop, int root, Map<Integer, EntryState> nodes,
            Translations translations) {
        this.name = name;
        this.id = id;
        this.start = start;
        this.stop = stop;
        this.root = root;
        this.nodes = new LinkedHashMap<>(nodes);
        this.translations = translations;
    }

    /**
     * What a map's page tables translate.
     *
     * @param ranges     mapped runs (page-granular or merged), VA ascending
     * @param problems   what the page-table walk could not read or decode
     * @param complete   whether {@code ranges} cover every PTE of the map's range (a full table walk), so a
     *                   PTE outside every entry can be seen; false when only entries' pages were resolved
     * @param attrsKnown whether {@link MappedRange#attr()} holds the entered attributes
     */
    public record Translations(List<MappedRange> ranges, List<WalkProblem> problems, boolean complete,
            boolean attrsKnown) {
        public Translations {
            ranges = List.copyOf(ranges);
            problems = List.copyOf(problems);
        }
    }

    public String name() {
        return name;
    }

    public long id() {
        return id;
    }

    public long start() {
        return start;
    }

    public long stop() {
        return stop;
    }

    public int root() {
        return root;
    }

    /** The decoded entry at pool slot {@code slot}, or null. */
    public EntryState node(int slot) {
        return nodes.get(slot);
    }

    public Map<Integer, EntryState> nodes() {
        return nodes;
    }

    /** May be null when the map's page tables were not read. */
    public Translations translations() {
        return translations;
    }

    /**
     * The entries in address order by an in-order walk from the root that follows only valid links and visits
     * each node once (so it ends on corrupt trees too).
     */
    public List<EntryState> inOrder() {
        List<EntryState> out = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        Deque<EntryState> stack = new ArrayDeque<>();
        EntryState cur = nodes.get(root);
        if (cur != null) {
            seen.add(cur.slot);
        }
        while (cur != null || !stack.isEmpty()) {
            while (cur != null) {
                stack.push(cur);
                EntryState l = nodes.get(cur.left);
                cur = l != null && seen.add(l.slot) ? l : null;
            }
            EntryState n = stack.pop();
            out.add(n);
            EntryState r = nodes.get(n.right);
            cur = r != null && seen.add(r.slot) ? r : null;
        }
        return out;
    }

    /** The subject naming entry {@code e}: {@code map_entry 0x08048000-0x0804c000 in map of pid 3}. */
    public String subject(EntryState e) {
        return String.format("map_entry 0x%08x-0x%08x in %s", e.vaddr, e.vaddr + e.size, name);
    }
}
