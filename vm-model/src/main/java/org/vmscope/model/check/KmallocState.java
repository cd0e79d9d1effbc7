package org.vmscope.model.check;

import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code kmalloc_common} decoded (§2.7): class list heads, the used list, the static first zone, every zone
 * reachable from those (keyed by handle), the zone tree's members when known, and the counters.
 */
public final class KmallocState {
    /** Number of size classes ({@code sizes[24]}). */
    public static final int CLASSES = 24;

    final long[] sizes;
    long used;
    final long firstzone;
    final Map<Long, ZoneState> zones;
    final Set<Long> tree;
    long allocsz;
    int hdrblocks;
    final int hdridx;
    final int pointerBytes;
    final ByteOrder byteOrder;

    /**
     * @param sizes class list heads, {@link #CLASSES} handles (0 = empty)
     * @param tree  handles of the zones in {@code kmalloc_common.tree}, or null when not decoded
     */
    public KmallocState(long[] sizes, long used, long firstzone, Map<Long, ZoneState> zones, Set<Long> tree,
            long allocsz, int hdrblocks, int hdridx, int pointerBytes, ByteOrder byteOrder) {
        if (sizes.length != CLASSES) {
            throw new IllegalArgumentException(CLASSES + " class heads expected");
        }
        this.sizes = sizes;
        this.used = used;
        this.firstzone = firstzone;
        this.zones = new LinkedHashMap<>(zones);
        this.tree = tree;
        this.allocsz = allocsz;
        this.hdrblocks = hdrblocks;
        this.hdridx = hdridx;
        this.pointerBytes = pointerBytes;
        this.byteOrder = byteOrder;
    }

    public long sizes(int i) {
        return sizes[i];
    }

    public long used() {
        return used;
    }

    public long firstzone() {
        return firstzone;
    }

    public Map<Long, ZoneState> zones() {
        return zones;
    }

    public long allocBytes() {
        return allocsz;
    }

    public int hdrblocks() {
        return hdrblocks;
    }

    public int hdridx() {
        return hdridx;
    }
}
