package org.vmscope.model.map;

import org.vmscope.model.amap.Amap;
import org.vmscope.model.lib.RbNode;
import org.vmscope.model.object.VmObject;

/**
 * {@code map_entry_t} (phoenix-vm.md §2.3): one mapped range of a {@link VmMap}, a node of the map's
 * augmented red-black tree. {@code lmaxgap}/{@code rmaxgap} hold the largest free gap in the left/right
 * subtree, or to the in-order neighbour when there is no such child. {@code slot} is the entry's index in
 * the global pool.
 */
public final class MapEntry extends RbNode<MapEntry> {
    int slot;
    VmMap map;
    long aoffs;
    Amap amap;
    long vaddr;
    long size;
    long lmaxgap;
    long rmaxgap;
    int flags;
    int prot;
    int protOrig;
    VmObject object;
    long offs;
    /** NOMMU: the owning process and the links of its {@code entries} ring. */
    EntryOwner process;
    MapEntry ringNext;
    MapEntry ringPrev;

    MapEntry(int slot) {
        this.slot = slot;
    }

    /** A search probe {@code {vaddr, size}} that is never inserted. */
    static MapEntry probe(long vaddr, long size) {
        MapEntry e = new MapEntry(-1);
        e.vaddr = vaddr;
        e.size = size;
        return e;
    }

    /** NOMMU {@code entry->process}: the owner, or null (kernel, boot, MMU builds). */
    public EntryOwner process() {
        return process;
    }

    /** Copies every field but the tree links and the slot ({@code hal_memcpy} of the fields that matter). */
    void copyFrom(MapEntry s) {
        map = s.map;
        aoffs = s.aoffs;
        amap = s.amap;
        vaddr = s.vaddr;
        size = s.size;
        lmaxgap = s.lmaxgap;
        rmaxgap = s.rmaxgap;
        flags = s.flags;
        prot = s.prot;
        protOrig = s.protOrig;
        object = s.object;
        offs = s.offs;
    }

    /** Index of this entry in the map-entry pool. */
    public int slot() {
        return slot;
    }

    public VmMap map() {
        return map;
    }

    public long aoffs() {
        return aoffs;
    }

    public Amap amap() {
        return amap;
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

    /** MAP_* flags, NEEDSCOPY included. */
    public int flags() {
        return flags;
    }

    public int prot() {
        return prot;
    }

    public int protOrig() {
        return protOrig;
    }

    /** null = anonymous, {@link VmObject#PHYSMEM}, the kernel object or a file object. */
    public VmObject object() {
        return object;
    }

    /** Offset in the object, {@link Mman#OFFS_MAX} for none. */
    public long offs() {
        return offs;
    }

    @Override
    public String toString() {
        return String.format("entry[%d]{0x%x+0x%x prot=%x/%x flags=%x obj=%s offs=%x gaps=%x/%x}", slot, vaddr, size,
                prot, protOrig, flags, object, offs, lmaxgap, rmaxgap);
    }
}
