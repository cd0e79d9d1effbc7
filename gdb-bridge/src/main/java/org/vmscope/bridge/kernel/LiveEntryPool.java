package org.vmscope.bridge.kernel;

import org.vmscope.bridge.dwarf.TypeLayout;
import org.vmscope.model.check.EntryPoolState;
import org.vmscope.model.check.EntryState;
import org.vmscope.model.check.PageArrayState;

/**
 * {@code map_common}'s entry pool read whole (§2.3): every {@code map_entry_t} slot decoded once, tree links and
 * the free chain turned into slot numbers. Every entry of every MMU map lives in this pool, so maps are decoded
 * from these bytes without reading nodes one by one.
 */
final class LiveEntryPool {
    /** More slots than this means a corrupt ntotal (a 4 GiB target has about 350 000). */
    static final long MAX_SLOTS = 1L << 22;

    final long base;
    final long entrySize;
    final long ntotal;
    final long nfree;
    private final EntryState[] slots;
    final EntryPoolState state;

    private LiveEntryPool(long base, long entrySize, long ntotal, long nfree, EntryState[] slots, EntryPoolState state) {
        this.base = base;
        this.entrySize = entrySize;
        this.ntotal = ntotal;
        this.nfree = nfree;
        this.slots = slots;
        this.state = state;
    }

    static LiveEntryPool read(KernelDecoder d) throws KernelException {
        KernelGlobal g = d.image.global("map_common", "vm/map.c");
        KStruct s = d.struct(g.type(), g.address(), "map_common", "map_common (vm/map.c)");
        TypeLayout entryT = d.image.type("map_entry_t");
        TypeLayout rb = d.image.type("rbnode_t");
        long total = s.u("ntotal");
        long free = s.u("nfree");
        long base = s.u("entries");
        long size = entryT.size();
        if (Long.compareUnsigned(total, MAX_SLOTS) > 0 || total * size > KernelMemory.MAX_READ) {
            throw new KernelException("map_common.ntotal " + Long.toUnsignedString(total) + " is implausible;"
                    + " the entry pool cannot be read");
        }
        int n = (int) total;
        byte[] data;
        try {
            data = d.mem.read(base, n * size);
        } catch (KernelReadException e) {
            throw new KernelException("map_common.entries (" + n + " slots at 0x" + Long.toHexString(base)
                    + "): cannot read " + e.getMessage(), e);
        }
        long linkage = KernelDecoder.offset(entryT, "linkage");
        long nextOff = entryT.field("next").map(f -> f.offset()).orElse(linkage + KernelDecoder.offset(rb, "parent"));
        int pb = d.image.pointerBytes();
        LiveEntryPool shape = new LiveEntryPool(base, size, total, free, null, null);
        EntryState[] slots = new EntryState[n];
        int[] next = new int[n];
        for (int i = 0; i < n; i++) {
            KStruct e = KStruct.element(d.mem, entryT, base, data, i, "map_entry_t");
            int at = (int) (i * size);
            next[i] = shape.slot(d.mem.decode(data, at + (int) nextOff, pb));
            long l = at + linkage;
            long parent = d.mem.decode(data, (int) (l + KernelDecoder.offset(rb, "parent")), pb);
            long left = d.mem.decode(data, (int) (l + KernelDecoder.offset(rb, "left")), pb);
            long right = d.mem.decode(data, (int) (l + KernelDecoder.offset(rb, "right")), pb);
            var color = rb.field("color").orElseThrow(() -> new KernelException("rbnode_t has no member 'color'"));
            long c = d.mem.decode(data, (int) (l + color.offset()), (int) Math.min(color.size(), 8));
            long object = e.u("object");
            slots[i] = new EntryState(i, shape.slot(parent), shape.slot(left), shape.slot(right), c != 0, e.u("map"),
                    e.u("vaddr"), e.u("size"), e.u("lmaxgap"), e.u("rmaxgap"), (int) e.u("flags"), (int) e.u("prot"),
                    (int) e.u("protOrig"), e.u("amap"), e.u("aoffs"), object == d.allOnes() ? -1L : object,
                    e.u("offs"));
        }
        EntryPoolState st = new EntryPoolState(n, (int) Math.min(free, Integer.MAX_VALUE), shape.slot(s.u("free")), next);
        return new LiveEntryPool(base, size, total, free, slots, st);
    }

    /** The slot of a {@code map_entry_t *}: {@link PageArrayState#NIL} or {@link PageArrayState#BAD}. */
    int slot(long ptr) {
        return KernelDecoder.arrayIndex(ptr, base, ntotal, entrySize);
    }

    /** The decoded slot, or null outside the pool. */
    EntryState entry(int slot) {
        return slot >= 0 && slot < slots.length ? slots[slot] : null;
    }

    /** The kernel address of a slot's entry. */
    long address(int slot) {
        return base + slot * entrySize;
    }

    int size() {
        return slots.length;
    }
}
