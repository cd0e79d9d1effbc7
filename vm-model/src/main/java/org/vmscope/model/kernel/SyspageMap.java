package org.vmscope.model.kernel;

import java.util.List;

/**
 * {@code syspage_map_t} (phoenix-vm.md §2.10): one memory map the loader describes. On NOMMU each becomes a
 * shared {@code vm_map_t} ({@code map_common.maps[id]}); its non-temporary entries become reserved kernel
 * entries there.
 *
 * @param id      {@code u8 id}, the index in {@code map_common.maps}
 * @param name    the map's name ({@code mapinfo_t.name} keeps 15 characters)
 * @param start   first address (VA = PA)
 * @param end     end, exclusive
 * @param attr    {@code mAttr*} bits
 * @param entries the loader's {@code mapent_t} list
 */
public record SyspageMap(int id, String name, long start, long end, int attr, List<Entry> entries) {
    public static final int ATTR_READ = 0x01;
    public static final int ATTR_WRITE = 0x02;
    public static final int ATTR_EXEC = 0x04;
    public static final int ATTR_SHAREABLE = 0x08;
    public static final int ATTR_CACHEABLE = 0x10;
    public static final int ATTR_BUFFERABLE = 0x20;

    /** {@code hal_entryReserved}, {@code hal_entryTemp} (skipped by the kernel), allocated, invalid. */
    public enum EntryType {
        RESERVED, TEMP, ALLOCATED, INVALID
    }

    /** {@code mapent_t}: {@code [start, end)} of one loader entry. */
    public record Entry(EntryType type, long start, long end) {
    }

    public SyspageMap {
        if (id < 0 || id > 255) {
            throw new IllegalArgumentException("syspage map ids are u8: " + id);
        }
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a syspage map needs a name");
        }
        if (Long.compareUnsigned(end, start) <= 0) {
            throw new IllegalArgumentException("map " + name + " is empty or inverted");
        }
        entries = List.copyOf(entries);
        for (Entry e : entries) {
            if (Long.compareUnsigned(e.start(), start) < 0 || Long.compareUnsigned(e.end(), end) > 0) {
                throw new IllegalArgumentException("entry outside map " + name);
            }
        }
    }

    public long size() {
        return end - start;
    }

    public boolean contains(long addr) {
        return Long.compareUnsigned(addr, start) >= 0 && Long.compareUnsigned(addr, end) < 0;
    }
}
