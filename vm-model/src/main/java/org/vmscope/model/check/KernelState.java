package org.vmscope.model.check;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.vmscope.model.phys.PhysReader;

/**
 * Everything the checks read, decoded: the page array (null on NOMMU), the entry pool, every live map (the
 * kernel map among them), the amaps, anons and objects the maps reach (keyed by handle), kmalloc (null when
 * absent), frame claims the structures above do not imply (boot regions, page tables, page directories...),
 * and a reader of physical memory for what lives in RAM (zone free lists).
 */
public final class KernelState {
    final long pageSize;
    final PageArrayState pages;
    final EntryPoolState pool;
    final MapState kmap;
    final List<MapState> maps;
    final Map<Long, AmapState> amaps;
    final Map<Long, AnonState> anons;
    final Map<Long, ObjectState> objects;
    final KmallocState kmalloc;
    final List<FrameClaim> claims;
    final PhysReader phys;

    /**
     * @param maps every live map, {@code kmap} included; the entry pool check treats entries of maps not
     *             listed as leaked
     */
    public KernelState(long pageSize, PageArrayState pages, EntryPoolState pool, MapState kmap, List<MapState> maps,
            Map<Long, AmapState> amaps, Map<Long, AnonState> anons, Map<Long, ObjectState> objects,
            KmallocState kmalloc, List<FrameClaim> claims, PhysReader phys) {
        this.pageSize = pageSize;
        this.pages = pages;
        this.pool = pool;
        this.kmap = kmap;
        this.maps = List.copyOf(maps);
        this.amaps = new LinkedHashMap<>(amaps);
        this.anons = new LinkedHashMap<>(anons);
        this.objects = new LinkedHashMap<>(objects);
        this.kmalloc = kmalloc;
        this.claims = List.copyOf(claims);
        this.phys = phys;
    }

    public long pageSize() {
        return pageSize;
    }

    public PageArrayState pages() {
        return pages;
    }

    public EntryPoolState pool() {
        return pool;
    }

    public MapState kmap() {
        return kmap;
    }

    public List<MapState> maps() {
        return maps;
    }

    /** The map named {@code name} ({@link MapState#name()}), or null. */
    public MapState map(String name) {
        for (MapState m : maps) {
            if (m.name.equals(name)) {
                return m;
            }
        }
        return null;
    }

    public Map<Long, AmapState> amaps() {
        return amaps;
    }

    public Map<Long, AnonState> anons() {
        return anons;
    }

    public Map<Long, ObjectState> objects() {
        return objects;
    }

    public KmallocState kmalloc() {
        return kmalloc;
    }

    public List<FrameClaim> claims() {
        return claims;
    }

    public PhysReader phys() {
        return phys;
    }
}
