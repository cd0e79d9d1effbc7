package org.vmscope.model.map;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code process->entries} on NOMMU: the circular doubly-linked list of the entries one process owns, linked
 * through the entries' own {@code next}/{@code prev} fields. {@code LIST_ADD} appends at the tail (before the
 * head), {@code LIST_REMOVE} unlinks and moves the head on when the head goes.
 */
public final class EntryRing {
    private MapEntry head;
    private int size;

    /** {@code LIST_ADD(&ring, e)}. */
    void add(MapEntry e) {
        if (head == null) {
            e.ringNext = e;
            e.ringPrev = e;
            head = e;
        } else {
            e.ringNext = head;
            e.ringPrev = head.ringPrev;
            head.ringPrev.ringNext = e;
            head.ringPrev = e;
        }
        size++;
    }

    /** {@code LIST_REMOVE(&ring, e)}. */
    void remove(MapEntry e) {
        if (e.ringNext == null) {
            return;
        }
        if (e.ringNext == e) {
            head = null;
        } else {
            e.ringPrev.ringNext = e.ringNext;
            e.ringNext.ringPrev = e.ringPrev;
            if (head == e) {
                head = e.ringNext;
            }
        }
        e.ringNext = null;
        e.ringPrev = null;
        size--;
    }

    /** The ring head ({@code process->entries}), or null when empty. */
    public MapEntry head() {
        return head;
    }

    public boolean isEmpty() {
        return head == null;
    }

    public int size() {
        return size;
    }

    /** The entries in ring order from the head, as {@code vm_mapinfo} walks them (bounded by the count). */
    public List<MapEntry> entries() {
        List<MapEntry> out = new ArrayList<>(size);
        MapEntry e = head;
        for (int i = 0; i < size && e != null; i++, e = e.ringNext) {
            out.add(e);
        }
        return out;
    }

    /**
     * Hands every entry over to {@code to}, owner pointers included, keeping the ring order (the model's way
     * of committing an exec that loaded into a scratch process).
     */
    public void moveAllTo(EntryOwner to) {
        for (MapEntry e : entries()) {
            remove(e);
            e.process = to;
            to.entries().add(e);
        }
    }
}
