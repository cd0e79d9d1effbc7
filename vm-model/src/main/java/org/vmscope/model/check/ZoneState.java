package org.vmscope.model.check;

/**
 * One decoded {@code vm_zone_t} (§2.6). {@code next}/{@code prev} are zone handles (0 = NULL); the free list
 * itself lives in the blocks, in RAM, and is read through the block's physical address.
 * Fields are package-private so tests can corrupt one value.
 */
public final class ZoneState {
    final long id;
    final String label;
    long vaddr;
    long blocksz;
    int blocks;
    int used;
    long first;
    long blockPa;
    int pagesIdx;
    long next;
    long prev;

    /**
     * @param blockPa  {@code pages->addr}: physical base of the backing buddy block
     * @param pagesIdx {@code pages->idx}: log2 of the backing block's bytes
     */
    public ZoneState(long id, String label, long vaddr, long blocksz, int blocks, int used, long first, long blockPa,
            int pagesIdx, long next, long prev) {
        this.id = id;
        this.label = label;
        this.vaddr = vaddr;
        this.blocksz = blocksz;
        this.blocks = blocks;
        this.used = used;
        this.first = first;
        this.blockPa = blockPa;
        this.pagesIdx = pagesIdx;
        this.next = next;
        this.prev = prev;
    }

    public long id() {
        return id;
    }

    public String label() {
        return label;
    }

    public long vaddr() {
        return vaddr;
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

    public long first() {
        return first;
    }

    public long blockPa() {
        return blockPa;
    }

    /** Handle of the next zone on its list (0 = NULL). */
    public long next() {
        return next;
    }

    /** Handle of the previous zone on its list (0 = NULL). */
    public long prev() {
        return prev;
    }

    /** Bytes of the backing buddy block. */
    public long blockBytes() {
        return pagesIdx >= 0 && pagesIdx < 63 ? 1L << pagesIdx : 0;
    }

    /** Whether {@code p} lies in the zone's blocks. */
    boolean containsBlock(long p) {
        return Long.compareUnsigned(p - vaddr, blocksz * blocks) < 0;
    }
}
