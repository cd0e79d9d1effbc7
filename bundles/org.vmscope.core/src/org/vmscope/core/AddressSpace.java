package org.vmscope.core;

import java.util.List;

import org.vmscope.model.map.EntryInfo;

/**
 * One map as meminfo reports it: the kernel map or a process's map, with its entries in address order.
 *
 * @param pid -1 for the kernel map
 */
public record AddressSpace(String name, long pid, long start, long stop, List<EntryInfo> entries) {

    public static final long KERNEL = -1;

    public AddressSpace {
        entries = List.copyOf(entries);
    }

    /** Bytes covered by entries (the VMEM of ps). */
    public long mappedBytes() {
        long sum = 0;
        for (EntryInfo e : entries) {
            sum += e.size();
        }
        return sum;
    }
}
