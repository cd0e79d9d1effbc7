package org.vmscope.core;

import java.util.List;

/**
 * One memory object ({@code vm_object_t}) and the map entries that use it: an object used from two processes
 * is shared, e.g. a program file after fork.
 *
 * @param oid         the object id as psh prints it, {@code port.id} (the kernel object is {@code 0.0})
 * @param kind        {@code kernel}, {@code file} or {@code contiguous}
 * @param refs        the object's reference count
 * @param cachedPages pages of the object's cache that hold a frame
 */
public record MemoryObjectInfo(String oid, String kind, long size, long refs, long cachedPages, List<User> users) {

    public MemoryObjectInfo {
        users = List.copyOf(users);
    }

    /** The distinct pids among the users, in order of appearance ({@link AddressSpace#KERNEL} for the kernel map). */
    public List<Long> pids() {
        return users.stream().map(User::pid).distinct().toList();
    }

    /**
     * One map entry using the object.
     *
     * @param pid  {@link AddressSpace#KERNEL} for the kernel map
     * @param offs the entry's offset into the object
     */
    public record User(long pid, String process, long vaddr, long size, int prot, int flags, long offs) {

        /** {@code pid N 0xVADDR}, or {@code kernel 0xVADDR}. */
        public String label() {
            return (pid == AddressSpace.KERNEL ? "kernel" : "pid " + pid) + String.format(" 0x%x", vaddr);
        }
    }
}
