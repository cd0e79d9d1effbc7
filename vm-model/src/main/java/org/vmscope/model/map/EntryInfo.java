package org.vmscope.model.map;

import org.vmscope.model.object.VmObject;

/**
 * {@code entryinfo_t} (phoenix-vm.md §5.1): one map entry as meminfo reports it.
 *
 * @param anonsz     {@code ~0} (-1) without an amap, else SIZE_PAGE times the non-null slots of the whole amap
 * @param objectKind 0 OBJECT_ANONYMOUS, 1 OBJECT_MEMORY (PHYSMEM), 2 OBJECT_OID
 */
public record EntryInfo(long vaddr, long size, long anonsz, int flags, int prot, int protOrig, long offs,
        int objectKind, int oidPort, long oidId) {

    public static final int OBJECT_ANONYMOUS = 0;
    public static final int OBJECT_MEMORY = 1;
    public static final int OBJECT_OID = 2;

    /** The record for one entry. */
    public static EntryInfo of(MapEntry e, long pageSize) {
        long anonsz = e.amap == null ? -1 : e.amap.anonBytes(pageSize);
        int kind;
        int port = 0;
        long id = 0;
        if (e.object == null) {
            kind = OBJECT_ANONYMOUS;
        } else if (e.object == VmObject.PHYSMEM) {
            kind = OBJECT_MEMORY;
        } else {
            kind = OBJECT_OID;
            port = e.object.port();
            id = e.object.id();
        }
        return new EntryInfo(e.vaddr, e.size, anonsz, e.flags, e.prot, e.protOrig, e.offs, kind, port, id);
    }
}
