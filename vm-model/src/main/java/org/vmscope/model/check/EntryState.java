package org.vmscope.model.check;

/**
 * One decoded {@code map_entry_t} (§2.3). Tree links are pool slot numbers ({@link PageArrayState#NIL} for
 * NULL, {@link PageArrayState#BAD} for a pointer outside the entry pool); {@code map}, {@code amap} and
 * {@code object} are handles: the kernel address on a live target, a synthetic number for the simulator
 * (0 = NULL; {@code object} uses {@link ObjectState#PHYSMEM} for {@code VM_OBJ_PHYSMEM}).
 *
 * <p>Fields are package-private so tests can corrupt one value.
 */
public final class EntryState {
    final int slot;
    int parent;
    int left;
    int right;
    boolean black;
    long map;
    long vaddr;
    long size;
    long lmaxgap;
    long rmaxgap;
    int flags;
    int prot;
    int protOrig;
    long amap;
    long aoffs;
    long object;
    long offs;

    public EntryState(int slot, int parent, int left, int right, boolean black, long map, long vaddr, long size,
            long lmaxgap, long rmaxgap, int flags, int prot, int protOrig, long amap, long aoffs, long object,
            long offs) {
        this.slot = slot;
        this.parent = parent;
        this.left = left;
        this.right = right;
        this.black = black;
        this.map = map;
        this.vaddr = vaddr;
        this.size = size;
        this.lmaxgap = lmaxgap;
        this.rmaxgap = rmaxgap;
        this.flags = flags;
        this.prot = prot;
        this.protOrig = protOrig;
        this.amap = amap;
        this.aoffs = aoffs;
        this.object = object;
        this.offs = offs;
    }

    public int slot() {
        return slot;
    }

    public int parent() {
        return parent;
    }

    public int left() {
        return left;
    }

    public int right() {
        return right;
    }

    public boolean black() {
        return black;
    }

    public long map() {
        return map;
    }

    public long vaddr() {
        return vaddr;
    }

    public long size() {
        return size;
    }

    /** {@code vaddr + size}. */
    public long end() {
        return vaddr + size;
    }

    public long lmaxgap() {
        return lmaxgap;
    }

    public long rmaxgap() {
        return rmaxgap;
    }

    public int flags() {
        return flags;
    }

    public int prot() {
        return prot;
    }

    public int protOrig() {
        return protOrig;
    }

    public long amap() {
        return amap;
    }

    public long aoffs() {
        return aoffs;
    }

    public long object() {
        return object;
    }

    public long offs() {
        return offs;
    }

    /** Whether {@code va} lies in {@code [vaddr, vaddr+size)} (unsigned). */
    public boolean contains(long va) {
        return Long.compareUnsigned(va - vaddr, size) < 0;
    }
}
