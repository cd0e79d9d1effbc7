package org.vmscope.model.map;

import java.util.ArrayList;
import java.util.List;

import org.vmscope.model.amap.Amap;
import org.vmscope.model.lib.RbTree;
import org.vmscope.model.object.PageResult;
import org.vmscope.model.object.VmObject;
import org.vmscope.model.page.Page;
import org.vmscope.model.page.PageFlags;
import org.vmscope.model.pmap.PageAttr;
import org.vmscope.model.pmap.Pmap;

/**
 * {@code vm_map_t} and the memory mapper of {@code vm/map.c} (phoenix-vm.md §3.2-3.7): an address range
 * {@code [start, stop)}, its pmap and its entries in an augmented red-black tree. Operations follow the
 * kernel's decision sequence, so the addresses chosen match a real target's. Failures are returned as the
 * kernel returns them (0 = NULL for addresses, negative errno for status), never thrown.
 *
 * <p>Addresses are unsigned; comparisons use unsigned arithmetic so 64-bit kernel addresses work.
 */
public final class VmMap {
    private static final int PAGE_MAP_RETRIES = 8;

    private final VmContext ctx;
    private final long start;
    private final long stop;
    private final Pmap pmap;
    private final long pageSize;
    private final RbTree<MapEntry> tree;
    private VmMap pdirMap;
    private Page pdirPage;
    private long pdirVa;

    /** {@code vm_mapCreate} without the pmap setup: the caller supplies the pmap. */
    public VmMap(VmContext ctx, long start, long stop, Pmap pmap) {
        this.ctx = ctx;
        this.start = start;
        this.stop = stop;
        this.pmap = pmap;
        this.pageSize = ctx.pageSize();
        this.tree = new RbTree<>(VmMap::compare, this::augment);
    }

    public long start() {
        return start;
    }

    public long stop() {
        return stop;
    }

    public Pmap pmap() {
        return pmap;
    }

    public VmContext context() {
        return ctx;
    }

    /** The root of the entry tree (for viewers and checks), or null. */
    public MapEntry root() {
        return tree.root();
    }

    // ------------------------------------------------------------------ unsigned helpers

    private static boolean ult(long a, long b) {
        return Long.compareUnsigned(a, b) < 0;
    }

    private static boolean ule(long a, long b) {
        return Long.compareUnsigned(a, b) <= 0;
    }

    private static long umax(long a, long b) {
        return ult(a, b) ? b : a;
    }

    private static long umin(long a, long b) {
        return ult(a, b) ? a : b;
    }

    // ------------------------------------------------------------------ tree callbacks

    /** {@code map_cmp}: equal when the ranges overlap. */
    private static int compare(MapEntry e1, MapEntry e2) {
        if (ule(e2.vaddr + e2.size, e1.vaddr)) {
            return 1;
        }
        if (ule(e1.vaddr + e1.size, e2.vaddr)) {
            return -1;
        }
        return 0;
    }

    /** {@code map_augment}: recomputes the node's gaps and propagates maxima to the root. */
    private void augment(MapEntry n) {
        MapEntry p = n;
        if (n.left() == null) {
            for (MapEntry it = n; it.parent() != null; it = it.parent()) {
                p = it.parent();
                if (it.parent().right() == it) {
                    break;
                }
            }
            n.lmaxgap = ule(n.vaddr, p.vaddr) ? n.vaddr - start : n.vaddr - p.vaddr - p.size;
        } else {
            n.lmaxgap = umax(n.left().lmaxgap, n.left().rmaxgap);
        }
        if (n.right() == null) {
            for (MapEntry it = n; it.parent() != null; it = it.parent()) {
                p = it.parent();
                if (it.parent().left() == it) {
                    break;
                }
            }
            n.rmaxgap = !ult(n.vaddr, p.vaddr) ? stop - n.vaddr - n.size : p.vaddr - n.vaddr - n.size;
        } else {
            n.rmaxgap = umax(n.right().lmaxgap, n.right().rmaxgap);
        }
        for (MapEntry it = n; it.parent() != null; it = it.parent()) {
            MapEntry par = it.parent();
            if (par.left() == it) {
                par.lmaxgap = umax(it.lmaxgap, it.rmaxgap);
            } else {
                par.rmaxgap = umax(it.lmaxgap, it.rmaxgap);
            }
        }
    }

    // ------------------------------------------------------------------ pool and tree membership

    private MapEntry alloc() {
        int s = ctx.pool().alloc();
        return s < 0 ? null : new MapEntry(s);
    }

    private boolean nommu() {
        return !ctx.arch().hasMmu();
    }

    /** {@code _map_add}: on NOMMU also links the entry into its owner's ring and records the owner. */
    private boolean add(MapEntry e, EntryOwner owner) {
        if (nommu()) {
            if (owner != null) {
                owner.entries().add(e);
            }
            e.process = owner;
        }
        e.map = this;
        return tree.insert(e);
    }

    /** {@code _map_remove}: unlinks from the owner's ring (NOMMU) and from the tree. */
    private void remove(MapEntry e) {
        if (e.process != null) {
            e.process.entries().remove(e);
        }
        e.process = null;
        tree.remove(e);
        e.map = null;
    }

    /** {@code _entry_put}: drops the amap and object references, leaves the tree, returns to the pool. */
    private void entryPut(MapEntry e) {
        Amap.put(e.amap);
        VmObject.put(e.object, ctx.pages());
        remove(e);
        ctx.pool().free(e.slot);
    }

    /** {@code _vm_mapEntryCopy}: field copy plus amap/object references, and anon references when asked. */
    private void entryCopy(MapEntry dst, MapEntry src, boolean refAnons) {
        dst.copyFrom(src);
        Amap.ref(dst.amap);
        if (refAnons) {
            Amap.getAnons(dst.amap, dst.aoffs, dst.size, pageSize);
        }
        VmObject.ref(dst.object);
    }

    /** {@code _vm_mapEntrySplit(owner, ...)}: {@code e} keeps {@code len} bytes, {@code fresh} the rest. */
    private void entrySplit(EntryOwner owner, MapEntry e, MapEntry fresh, long len) {
        entryCopy(fresh, e, false);
        fresh.vaddr += len;
        fresh.size -= len;
        fresh.aoffs += len;
        fresh.offs = fresh.offs == Mman.OFFS_MAX ? Mman.OFFS_MAX : fresh.offs + len;
        fresh.lmaxgap = 0;
        e.size = len;
        e.rmaxgap = 0;
        augment(e);
        add(fresh, owner);
    }

    // ------------------------------------------------------------------ _map_find

    /** Result of {@link #find}: the address and the entries around the chosen gap. */
    public record Found(long vaddr, MapEntry prev, MapEntry next) {
    }

    /**
     * {@code _map_find}: descends the gap tree for {@code size} bytes at or after {@code max(hint, start)},
     * exactly as the kernel does (the result can lie below the hint, see §3.2).
     *
     * @return the gap, or null (the kernel's NULL)
     */
    public Found find(long hint, long size) {
        MapEntry e = tree.root();
        MapEntry prev = null;
        MapEntry next = null;
        long vaddr = hint;
        if (ult(stop, size) || ult(stop - size, vaddr)) {
            return null;
        }
        if (ult(vaddr, start)) {
            vaddr = start;
        }
        int guard = 0;
        while (e != null) {
            if (++guard > 1 << 20) {
                return null;
            }
            if (ule(size, e.lmaxgap) && ule(vaddr + size, e.vaddr)) {
                next = e;
                if (e.left() == null) {
                    return new Found(umax(vaddr, e.vaddr - e.lmaxgap), prev, next);
                }
                e = e.left();
                continue;
            }
            if (ule(size, e.rmaxgap)) {
                prev = e;
                if (e.right() == null) {
                    return new Found(umax(vaddr, e.vaddr + e.size), prev, next);
                }
                e = e.right();
                continue;
            }
            for (;;) {
                if (e.parent() == null) {
                    return null;
                }
                if (e == e.parent().left() && !ult(e.parent().rmaxgap, size)) {
                    break;
                }
                e = e.parent();
            }
            e = e.parent();
            MapEntry n = e;
            while (n.parent() != null) {
                if (n == n.parent().left()) {
                    break;
                }
                n = n.parent();
            }
            next = n.parent();
            prev = e;
            if (e.right() == null) {
                return new Found(e.vaddr + e.size, prev, next);
            }
            e = e.right();
        }
        return new Found(vaddr, prev, next);
    }

    // ------------------------------------------------------------------ _map_map

    /** Result of {@link #mapMap}: the address and the entry that now covers it (null for NOMMU PHYSMEM). */
    public record Mapped(long vaddr, MapEntry entry) {
    }

    /**
     * {@code _map_map}: reserves {@code size} bytes, merging into a neighbour when object, flags, prot and
     * offsets (and, for anonymous memory, amap room) allow, else taking a pool entry that may share a
     * neighbour's amap. Maps no pages.
     *
     * @return the mapping, or null (no gap, misaligned offset, pool exhausted)
     */
    public Mapped mapMap(long hint, long size, int prot, VmObject o, long offs, int flags) {
        return mapMap(hint, ctx.current().get(), size, prot, o, offs, flags);
    }

    /** {@code _map_map(map, hint, proc, ...)}: on NOMMU only entries of {@code proc} merge with the new range. */
    private Mapped mapMap(long hint, EntryOwner proc, long size, int prot, VmObject o, long offs, int flags) {
        if (!ctx.arch().hasMmu() && o == VmObject.PHYSMEM) {
            // NOMMU: the offset is the address; no entry, no alignment check (issue #1743)
            return ctx.arch().pointerBytes() == 4 && (offs >>> 32) != 0 ? null : new Mapped(offs, null);
        }
        Found f = find(hint, size);
        if (f == null) {
            return null;
        }
        long v = f.vaddr();
        MapEntry prev = f.prev();
        MapEntry next = f.next();
        boolean rmerge = next != null && v + size == next.vaddr && next.object == o && next.flags == flags
                && next.prot == prot && next.protOrig == prot;
        boolean lmerge = prev != null && v == prev.vaddr + prev.size && prev.object == o && prev.flags == flags
                && prev.prot == prot && prev.protOrig == prot;
        if (offs != Mman.OFFS_MAX) {
            if ((offs & (pageSize - 1)) != 0) {
                return null;
            }
            if (rmerge && next.offs != offs + size) {
                rmerge = false;
            }
            if (lmerge && offs != prev.offs + prev.size) {
                lmerge = false;
            }
        }
        if (nommu()) {
            rmerge = rmerge && proc == next.process;
            lmerge = lmerge && proc == prev.process;
        }
        if (o == null && !(lmerge && rmerge && next.amap == prev.amap)) {
            if (lmerge && prev.amap != null && ult(prev.amap.size() * pageSize - prev.aoffs - prev.size, size)) {
                lmerge = false;
            }
            if (rmerge && next.amap != null && ult(next.aoffs, size)) {
                rmerge = false;
            }
            if (lmerge && rmerge) {
                rmerge = false;
            }
        }
        MapEntry e;
        if (rmerge && lmerge) {
            e = prev;
            e.size += size + next.size;
            e.rmaxgap = next.rmaxgap;
            augment(e);
            entryPut(next);
        } else if (rmerge) {
            e = next;
            e.vaddr = v;
            e.offs = offs;
            e.size += size;
            e.lmaxgap -= size;
            if (e.aoffs != 0) {
                e.aoffs -= size;
            }
            if (prev != null) {
                prev.rmaxgap -= size;
                augment(prev);
            }
            augment(e);
        } else if (lmerge) {
            e = prev;
            e.size += size;
            e.rmaxgap -= size;
            if (next != null) {
                next.lmaxgap -= size;
                augment(next);
            }
            augment(e);
        } else {
            e = alloc();
            if (e == null) {
                return null;
            }
            e.vaddr = v;
            e.size = size;
            e.object = VmObject.ref(o);
            e.offs = offs;
            e.flags = flags;
            e.prot = prot;
            e.protOrig = prot;
            e.amap = null;
            e.aoffs = 0;
            if (o == null) {
                // Try to use a neighbour's amap
                if (next != null && next.amap != null && !ult(e.vaddr, next.vaddr - next.aoffs)) {
                    e.amap = Amap.ref(next.amap);
                    e.aoffs = next.aoffs - (next.vaddr - e.vaddr);
                } else if (prev != null && prev.amap != null
                        && !ult(pageSize * prev.amap.size() - prev.aoffs + prev.vaddr, e.vaddr + size)) {
                    e.amap = Amap.ref(prev.amap);
                    e.aoffs = prev.aoffs + (e.vaddr - prev.vaddr);
                }
            }
            add(e, proc);
        }
        if (e.amap != null) {
            e.amap.clear(e.aoffs + (v - e.vaddr), size, pageSize);
        }
        return new Mapped(v, e);
    }

    /**
     * {@code vm_mapFind}: reserves a kernel-object range (offs = none) without mapping anything, as message
     * passing does for receive windows.
     *
     * @return the address, or 0
     */
    public long mapFind(long hint, long size, int flags, int prot) {
        Mapped m = mapMap(hint, null, size, prot, ctx.kernelObject(), Mman.OFFS_MAX, flags);
        return m == null ? 0 : m.vaddr();
    }

    /**
     * Inserts a reserved kernel entry as {@code _map_init} does for kernel segments (and NOMMU syspage
     * entries): a pool entry with the kernel object, no offset, MAP_NONE, page-rounded, no merging.
     *
     * @return the entry, or null when the pool is exhausted or the range overlaps an entry
     */
    public MapEntry addReserved(long vaddr, long size, int prot) {
        MapEntry e = alloc();
        if (e == null) {
            return null;
        }
        e.vaddr = roundPage(vaddr);
        e.size = roundPage(size);
        e.object = ctx.kernelObject();
        e.offs = Mman.OFFS_MAX;
        e.flags = Mman.MAP_NONE;
        e.prot = prot;
        e.protOrig = prot;
        e.amap = null;
        if (!add(e, null)) {
            e.map = null;
            ctx.pool().free(e.slot);
            return null;
        }
        return e;
    }

    private long roundPage(long x) {
        return (x + pageSize - 1) & ~(pageSize - 1);
    }

    // ------------------------------------------------------------------ mmap

    /**
     * {@code vm_mmap}/{@code _vm_mmap}. With {@code p} (a caller's physical block), the size becomes the
     * block's and its consecutive page_t frames are mapped at once; otherwise, on non-lazy (MMU) targets every
     * page is populated through {@link #force}, and the whole range is unmapped again on the first failure.
     *
     * @param offs object offset, or a negative value for none ({@code VM_OFFS_MAX})
     * @return the address, or 0 (NULL)
     */
    public long mmap(long hint, Page p, long size, int prot, VmObject o, long offs, int flags) {
        long off = offs < 0 ? Mman.OFFS_MAX : offs;
        if (size == 0 || (size & (pageSize - 1)) != 0) {
            return 0;
        }
        if ((flags & Mman.MAP_FIXED) != 0 && munmap(hint, size) < 0) {
            return 0;
        }
        long sz = size;
        if (p != null && p.idx() != 0) {
            sz = 1L << p.idx();
        }
        // a caller-supplied block means a kernel mapping; otherwise the current process owns the range
        Mapped m = mapMap(hint, p == null ? ctx.current().get() : null, sz, prot, o, off, flags);
        if (m == null) {
            return 0;
        }
        long v = m.vaddr();
        if (p != null) {
            int attr = Mman.protToAttr(prot) | Mman.flagsToAttr(flags);
            int i = 0;
            for (long w = v; ult(w, v + sz); w += pageSize, i++) {
                Page q = p.plus(i);
                if (q != null) {
                    pageMap(w, q.addr(), attr);
                }
            }
            return v;
        }
        if (ctx.lazy() || m.entry() == null) {
            return v;
        }
        for (long w = v; ult(w, v + sz); w += pageSize) {
            if (force(m.entry(), w, prot) != Errno.EOK) {
                munmap(v, sz);
                return 0;
            }
        }
        return v;
    }

    /**
     * {@code page_map}: enters the mapping, allocating a {@code KERNEL|PTABLE} page for each table the pmap
     * reports missing.
     *
     * @return 0 or {@link Errno#ENOMEM}
     */
    public int pageMap(long va, long pa, int attr) {
        long table = -1;
        for (int tries = 0; pmap.enter(pa, va, attr, table) < 0; tries++) {
            if (tries >= PAGE_MAP_RETRIES || ctx.pages() == null) {
                return Errno.ENOMEM;
            }
            Page ap = ctx.pages().alloc(pageSize, PageFlags.OWNER_KERNEL | PageFlags.KERNEL_PTABLE);
            if (ap == null) {
                return Errno.ENOMEM;
            }
            table = ap.addr();
        }
        return Errno.EOK;
    }

    // ------------------------------------------------------------------ munmap

    /**
     * {@code _vm_munmap}: trims, splits or releases every entry overlapping {@code [vaddr, vaddr+size)}, drops
     * the anon references of the range and removes the PTEs. Pages given to mmap through {@code p} and object
     * pages are not freed here.
     *
     * @return 0, {@link Errno#EINVAL} when unaligned, {@link Errno#ENOMEM} when a split finds the pool empty
     */
    public int munmap(long vaddr, long size) {
        if ((size & (pageSize - 1)) != 0 || (vaddr & (pageSize - 1)) != 0) {
            return Errno.EINVAL;
        }
        MapEntry t = MapEntry.probe(vaddr, size);
        int guard = 4 * ctx.pool().total() + 16;
        for (;;) {
            if (--guard < 0) {
                return Errno.EINVAL;
            }
            MapEntry e = tree.find(t);
            if (e == null) {
                break;
            }
            long overlapStart = umax(e.vaddr, vaddr);
            long overlapEnd = umin(e.vaddr + e.size, vaddr + size);
            long overlapSize = overlapEnd - overlapStart;
            long overlapEOffset = overlapStart - e.vaddr;
            long eAoffs = e.aoffs;
            boolean putEntry = false;
            if (e.vaddr == overlapStart) {
                if (e.size == overlapSize) {
                    putEntry = true;
                } else {
                    e.aoffs += overlapSize;
                    e.offs = e.offs == Mman.OFFS_MAX ? Mman.OFFS_MAX : e.offs + overlapSize;
                    e.vaddr += overlapSize;
                    e.size -= overlapSize;
                    e.lmaxgap += overlapSize;
                    MapEntry s = RbTree.prev(e);
                    if (s != null) {
                        s.rmaxgap += overlapSize;
                        augment(s);
                    }
                    augment(e);
                }
            } else if (e.vaddr + e.size == overlapEnd) {
                e.size -= overlapSize;
                e.rmaxgap += overlapSize;
                MapEntry s = RbTree.next(e);
                if (s != null) {
                    s.lmaxgap += overlapSize;
                    augment(s);
                }
                augment(e);
            } else {
                MapEntry s = alloc();
                if (s == null) {
                    return Errno.ENOMEM;
                }
                entrySplit(e.process, e, s, overlapEOffset); // NOMMU: the entry's owner (PR #508)
                continue;
            }
            Amap.putAnons(e.amap, eAoffs + overlapEOffset, overlapSize, pageSize, ctx.pages());
            pmap.remove(overlapStart, overlapEnd);
            if (putEntry) {
                entryPut(e);
            }
        }
        return Errno.EOK;
    }

    // ------------------------------------------------------------------ mprotect

    /**
     * {@code vm_mprotect}: validates the whole range first (holes: ENOMEM; rights beyond protOrig: EACCES;
     * splits preallocated: ENOMEM), then splits the ends, merges following entries with equal protOrig,
     * object and flags into the previous one, sets the protection and re-enters populated pages (entries
     * needing copy are faulted in on non-lazy targets).
     *
     * <p>The snapshot's apply pass re-finds entries from a probe it never advances and, after merging, splits
     * the merged entry at an offset counted from the wrong start (it would then run out of preallocated
     * entries). The model advances the probe to the end of each processed entry and splits at the position the
     * reference (§3.6) describes; the unchecked amap/offset continuity of the merge is kept.
     */
    public int mprotect(long vaddr, long len, int prot) {
        if ((vaddr & (pageSize - 1)) != 0 || len == 0 || (len & (pageSize - 1)) != 0) {
            return Errno.EINVAL;
        }
        MapEntry t = MapEntry.probe(vaddr, pageSize);
        long lenLeft = len;
        int needed = 0;
        int guard = ctx.pool().total() + 16;
        do {
            MapEntry e = tree.find(t);
            if (e == null) {
                return Errno.ENOMEM;
            }
            if (Mman.checkProt(e.protOrig, prot) != 0) {
                return Errno.EACCES;
            }
            long currSize = e.size;
            if (ult(e.vaddr, t.vaddr)) {
                currSize -= t.vaddr - e.vaddr;
                needed++;
            }
            if (ult(lenLeft, currSize)) {
                needed++;
            }
            lenLeft -= umin(lenLeft, currSize);
            t.vaddr += currSize;
            if (--guard < 0) {
                return Errno.EINVAL;
            }
        } while (lenLeft != 0);
        int[] buf = null;
        int used = 0;
        if (needed != 0) {
            buf = ctx.pool().allocN(needed);
            if (buf == null) {
                return Errno.ENOMEM;
            }
        }
        int result = Errno.EOK;
        EntryOwner current = ctx.current().get(); // splits go to the caller, not the entry's owner
        t.vaddr = vaddr;
        MapEntry prev = null;
        lenLeft = len;
        do {
            MapEntry e = tree.find(t);
            if (e == null) {
                result = Errno.ENOMEM;
                break;
            }
            if (prev == null) {
                if (ult(e.vaddr, t.vaddr)) {
                    prev = e;
                    e = new MapEntry(buf[used++]);
                    entrySplit(current, prev, e, t.vaddr - prev.vaddr);
                }
            } else if (prev.protOrig == e.protOrig && prev.object == e.object && prev.flags == e.flags) {
                // Merge; amap and offset continuity are not checked (PR #817).
                prev.rmaxgap = e.rmaxgap;
                prev.size += e.size;
                entryPut(e);
                augment(prev);
                e = prev;
            }
            long done = t.vaddr - e.vaddr; // bytes of e already handled (non-zero after a merge)
            if (ult(lenLeft, e.size - done)) {
                if (buf == null || used >= buf.length) {
                    result = Errno.ENOMEM;
                    break;
                }
                entrySplit(current, e, new MapEntry(buf[used++]), done + lenLeft);
            }
            e.prot = prot;
            int attr = Mman.protToAttr(e.prot) | Mman.flagsToAttr(e.flags);
            boolean needscopyNonLazy = false;
            if ((e.flags & Mman.MAP_NEEDSCOPY) != 0) {
                if (!ctx.lazy()) {
                    needscopyNonLazy = true;
                } else {
                    attr &= ~PageAttr.WRITE;
                }
            }
            for (long cur = e.vaddr; ult(cur, e.vaddr + e.size); cur += pageSize) {
                if (!needscopyNonLazy) {
                    long pa = pmap.resolve(cur);
                    if (pa != 0) {
                        result = pmap.enter(pa, cur, attr, -1);
                    }
                } else {
                    result = force(e, cur, prot);
                }
            }
            lenLeft -= umin(lenLeft, e.vaddr + e.size - t.vaddr);
            t.vaddr = e.vaddr + e.size;
            prev = e;
        } while (lenLeft != 0 && result == Errno.EOK);
        // Preallocated entries the apply pass did not use stay off the free list, as in the kernel.
        return result;
    }

    // ------------------------------------------------------------------ faults

    /** {@code vm_mapForce}: populates the page at {@code va} for {@code prot}; EFAULT outside every entry. */
    public int force(long va, int prot) {
        MapEntry e = tree.find(MapEntry.probe(va, pageSize));
        if (e == null) {
            return Errno.EFAULT;
        }
        return force(e, va, prot);
    }

    /**
     * {@code _map_force}: checks the rights, creates/unshares the amap when needed, gets the page from the
     * amap or the object, and maps it with the <em>requested</em> prot's attributes.
     */
    private int force(MapEntry e, long va, int prot) {
        if (ctx.pages() == null) {
            return Errno.EINVAL; // NOMMU: no page allocator and no fault handler
        }
        if (Mman.checkProt(e.prot, prot) != 0) {
            return Errno.EINVAL;
        }
        if (((prot & Mman.PROT_WRITE) != 0 && (e.flags & Mman.MAP_NEEDSCOPY) != 0)
                || (e.object == null && e.amap == null)) {
            long[] aoffs = {e.aoffs};
            e.amap = Amap.create(e.amap, aoffs, e.size, pageSize, ctx.amapMinSlots());
            e.aoffs = aoffs[0];
            e.flags &= ~Mman.MAP_NEEDSCOPY;
        }
        long offs = va - e.vaddr;
        long eoffs = e.offs == Mman.OFFS_MAX ? Mman.OFFS_MAX : e.offs + offs;
        int addrBytes = ctx.arch().pointerBytes();
        PageResult r = e.amap == null
                ? VmObject.page(e.object, eoffs, ctx.pages(), ctx.phys(), addrBytes)
                : e.amap.page(e.object, e.aoffs + offs, eoffs, prot, ctx.pages(), ctx.phys(), addrBytes);
        if (r.err() != Errno.EOK) {
            return r.err();
        }
        int attr = Mman.protToAttr(prot) | Mman.flagsToAttr(e.flags);
        Page p = r.page();
        if (p == null && e.object == VmObject.PHYSMEM) {
            return pageMap(va, eoffs, attr) < 0 ? Errno.ENOMEM : Errno.EOK;
        }
        if (p == null) {
            return Errno.ENOMEM;
        }
        return pageMap(va, p.addr(), attr) < 0 ? Errno.ENOMEM : Errno.EOK;
    }

    // ------------------------------------------------------------------ create / destroy / fork

    /**
     * Records the top-level table {@code vm_mapCreate} allocated for this map ({@code pmap.pmapp}) and its
     * window in {@code kmap} ({@code pmap.pmapv}), which {@link #destroy} releases.
     */
    public void setPdir(VmMap kmap, Page pdir, long va) {
        this.pdirMap = kmap;
        this.pdirPage = pdir;
        this.pdirVa = va;
    }

    /** {@code pmap.pmapp}: the top-level table page, or null. */
    public Page pdirPage() {
        return pdirPage;
    }

    /** {@code pmap.pmapv}: the kernel VA of the top-level table, or 0. */
    public long pdirVa() {
        return pdirVa;
    }

    /**
     * {@code vm_mapDestroy} (MMU): frees the page-table pages {@code pmap_destroy} reports, unmaps and frees the
     * top-level table, then drops every entry's anons and the entry itself.
     */
    public void destroy() {
        if (ctx.pages() != null) {
            for (long a : pmap.destroy()) {
                Page p = ctx.pages().get(a);
                if (p != null) {
                    ctx.pages().free(p);
                }
            }
        }
        if (pdirPage != null) {
            pdirMap.munmap(pdirVa, 1L << pdirPage.idx());
            ctx.pages().free(pdirPage);
            pdirPage = null;
            pdirVa = 0;
        }
        for (MapEntry e = tree.root(); e != null; e = tree.root()) {
            Amap.putAnons(e.amap, e.aoffs, e.size, pageSize, ctx.pages());
            entryPut(e);
        }
    }

    /**
     * {@code vm_mapDestroy(p, map)} on NOMMU: releases the entries of {@code p}'s ring that belong to this map
     * (amap and object references, tree, pool) and keeps the others on the ring in their order. Entries the
     * process owns in other maps stay, as do entries of this map owned by nobody or by another process.
     */
    public void destroy(EntryOwner p) {
        EntryRing ring = p.entries();
        for (MapEntry e : ring.entries()) {
            if (e.map == this) {
                entryPut(e);
            }
        }
    }

    /**
     * {@code vm_mapCopy(proc, this, src)}, the fork copy (§3.10): every inheritable entry of {@code src} is
     * copied with amap, anon and object references; writable non-device entries get MAP_NEEDSCOPY on both
     * sides; on non-lazy targets the child is populated at once, which copies every writable private page.
     * On failure this map is destroyed.
     *
     * @return 0, {@link Errno#ENOMEM} or the populate error
     */
    public int copyFrom(VmMap src) {
        for (MapEntry e = src.tree.first(); e != null; e = RbTree.next(e)) {
            if ((e.flags & Mman.MAP_NOINHERIT) != 0) {
                continue;
            }
            MapEntry f = alloc();
            if (f == null) {
                destroy();
                return Errno.ENOMEM;
            }
            entryCopy(f, e, true);
            add(f, null);
            if ((e.protOrig & Mman.PROT_WRITE) != 0 && (e.flags & Mman.MAP_DEVICE) == 0) {
                e.flags |= Mman.MAP_NEEDSCOPY;
                f.flags |= Mman.MAP_NEEDSCOPY;
                if (ctx.lazy()) {
                    for (long offs = 0; ult(offs, f.size); offs += pageSize) {
                        remapReadonly(src, e, offs);
                        remapReadonly(this, f, offs);
                    }
                }
            }
            if (!ctx.lazy()) {
                for (long offs = 0; ult(offs, f.size); offs += pageSize) {
                    int err = force(f, f.vaddr + offs, f.prot);
                    if (err != Errno.EOK) {
                        destroy();
                        return err;
                    }
                }
            }
        }
        return Errno.EOK;
    }

    /** {@code remap_readonly}: re-enters a populated page PRESENT (+USER), without WRITE. */
    private static void remapReadonly(VmMap m, MapEntry e, long offs) {
        int attr = PageAttr.PRESENT;
        if ((e.prot & Mman.PROT_USER) != 0) {
            attr |= PageAttr.USER;
        }
        long a = m.pmap.resolve(e.vaddr + offs);
        if (a != 0) {
            m.pageMap(e.vaddr + offs, a, attr);
        }
    }

    // ------------------------------------------------------------------ queries

    /** Entries in address order. */
    public List<MapEntry> entries() {
        List<MapEntry> out = new ArrayList<>();
        for (MapEntry e = tree.first(); e != null; e = RbTree.next(e)) {
            out.add(e);
        }
        return out;
    }

    /** The entry containing {@code va}, or null. */
    public MapEntry entryAt(long va) {
        return tree.find(MapEntry.probe(va & ~(pageSize - 1), pageSize));
    }

    /** {@code threadinfo_t.vmem}: the sum of entry sizes. */
    public long vmem() {
        long s = 0;
        for (MapEntry e : entries()) {
            s += e.size;
        }
        return s;
    }

    /** The {@code entryinfo_t} records {@code vm_mapinfo} reports for this map, in address order. */
    public List<EntryInfo> info() {
        List<EntryInfo> out = new ArrayList<>();
        for (MapEntry e : entries()) {
            out.add(EntryInfo.of(e, pageSize));
        }
        return out;
    }
}
