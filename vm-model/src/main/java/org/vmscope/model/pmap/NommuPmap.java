package org.vmscope.model.pmap;

import java.util.List;

/**
 * The pmap of a non-MMU target (§4.7): enter/remove do nothing, resolve is the identity, destroy frees
 * nothing. It carries the MPU region enable mask ({@code pmap.regions}) the kernel switches per process.
 */
public final class NommuPmap implements Pmap {
    private int regions;

    public NommuPmap(int regions) {
        this.regions = regions;
    }

    @Override
    public int enter(long pa, long va, int attr, long tablePage) {
        return 0;
    }

    @Override
    public void remove(long vstart, long vend) {
        // no page tables
    }

    @Override
    public long resolve(long va) {
        return va;
    }

    @Override
    public long root() {
        return 0;
    }

    @Override
    public List<Long> destroy() {
        return List.of();
    }

    /** Bitmask of enabled MPU regions. */
    public int regions() {
        return regions;
    }

    /** {@code pmap_addMap}: OR in the regions serving a syspage map. */
    public void addRegions(int mask) {
        regions |= mask;
    }
}
