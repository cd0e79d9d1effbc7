package org.vmscope.model.map;

import org.vmscope.model.pmap.PageAttr;

/** {@code include/mman.h} MAP_ and PROT_ values (§3.4) and their conversion to page attributes. */
public final class Mman {
    public static final int MAP_NONE = 0x00;
    public static final int MAP_NEEDSCOPY = 0x01;
    public static final int MAP_UNCACHED = 0x02;
    public static final int MAP_DEVICE = 0x04;
    public static final int MAP_NOINHERIT = 0x08;
    public static final int MAP_PHYSMEM = 0x10;
    public static final int MAP_CONTIGUOUS = 0x20;
    public static final int MAP_ANONYMOUS = 0x40;
    public static final int MAP_FIXED = 0x80;
    public static final int MAP_SHARED = 0x00;
    public static final int MAP_PRIVATE = 0x00;

    public static final int PROT_NONE = 0;
    public static final int PROT_READ = 1;
    public static final int PROT_WRITE = 2;
    public static final int PROT_EXEC = 4;
    public static final int PROT_USER = 8;

    /** {@code VM_OFFS_MAX}: "no offset" (anonymous and kernel entries). */
    public static final long OFFS_MAX = -1L;

    private Mman() {
    }

    /** {@code vm_protToAttr}: READ/WRITE imply PRESENT; PROT_NONE gives no PRESENT. */
    public static int protToAttr(int prot) {
        int attr = 0;
        if ((prot & PROT_READ) != 0) {
            attr |= PageAttr.READ | PageAttr.PRESENT;
        }
        if ((prot & PROT_WRITE) != 0) {
            attr |= PageAttr.WRITE | PageAttr.PRESENT;
        }
        if ((prot & PROT_EXEC) != 0) {
            attr |= PageAttr.EXEC;
        }
        if ((prot & PROT_USER) != 0) {
            attr |= PageAttr.USER;
        }
        return attr;
    }

    /** {@code vm_flagsToAttr}: MAP_UNCACHED -> NOT_CACHED, MAP_DEVICE -> DEV. */
    public static int flagsToAttr(int flags) {
        int attr = 0;
        if ((flags & MAP_UNCACHED) != 0) {
            attr |= PageAttr.NOT_CACHED;
        }
        if ((flags & MAP_DEVICE) != 0) {
            attr |= PageAttr.DEV;
        }
        return attr;
    }

    /** {@code map_checkProt}: the rights {@code newProt} asks for beyond {@code baseProt}. */
    public static int checkProt(int baseProt, int newProt) {
        return (baseProt | newProt) ^ baseProt;
    }
}
