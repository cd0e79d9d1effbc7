package org.vmscope.model.zone;

import org.vmscope.model.lib.RbNode;
import org.vmscope.model.page.Page;

/**
 * {@code vm_zone_t} (phoenix-vm.md §2.6): fixed-size blocks carved from one buddy block mapped into the
 * kernel map. The free list is threaded through the first word of each free block in simulated RAM; only its
 * head ({@code first}) is kept here. {@code next}/{@code prev} link kmalloc's circular zone lists, and the
 * tree node is kmalloc's zone tree.
 */
public final class VmZone extends RbNode<VmZone> {
    VmZone next;
    VmZone prev;
    long blocksz;
    int blocks;
    int used;
    long vaddr;
    long first;
    Page pages;
    final long header;

    /** @param header kernel VA of the kmalloc block holding this header, or 0 for a static zone */
    public VmZone(long header) {
        this.header = header;
    }

    /** A probe {@code {vaddr, blocks, blocksz}} for tree searches. */
    public static VmZone probe(long vaddr, int blocks, long blocksz) {
        VmZone z = new VmZone(0);
        z.vaddr = vaddr;
        z.blocks = blocks;
        z.blocksz = blocksz;
        return z;
    }

    public long header() {
        return header;
    }

    public long blocksz() {
        return blocksz;
    }

    public int blocks() {
        return blocks;
    }

    public int used() {
        return used;
    }

    public long vaddr() {
        return vaddr;
    }

    /** Head of the free-block list (a kernel VA), 0 when full. */
    public long first() {
        return first;
    }

    /** Head page of the buddy block backing the zone. */
    public Page pages() {
        return pages;
    }

    public VmZone next() {
        return next;
    }

    public VmZone prev() {
        return prev;
    }

    /** Whether {@code p} lies in the zone's blocks. */
    public boolean contains(long p) {
        return Long.compareUnsigned(p, vaddr) >= 0 && Long.compareUnsigned(p - vaddr, blocksz * blocks) < 0;
    }

    @Override
    public String toString() {
        return String.format("zone{0x%x %d*%d used %d}", vaddr, blocks, blocksz, used);
    }
}
