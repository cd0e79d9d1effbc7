package org.vmscope.model.amap;

import org.vmscope.model.object.PageResult;
import org.vmscope.model.object.VmObject;
import org.vmscope.model.page.Page;
import org.vmscope.model.page.PageAllocator;
import org.vmscope.model.page.PageFlags;
import org.vmscope.model.phys.MemoryAccessException;
import org.vmscope.model.phys.SimPhysicalMemory;

/**
 * {@code amap_t} (phoenix-vm.md §2.5, §3.8): an array of anon slots shared by one or more adjacent map
 * entries, each addressing it through its own {@code aoffs}. Referenced once per entry.
 *
 * <p>Not modelled: the anon/amap structures are kmalloc'ed in the kernel (and the source page is mapped
 * through a temporary kmap window during copies); those zone and window side effects are left out.
 */
public final class Amap {
    private static final int ENOMEM = -12;
    private static final int EFAULT = -14;
    private static final int PROT_WRITE = 2;

    private final Anon[] anons;
    private int refs;

    private Amap(int slots) {
        this.anons = new Anon[slots];
        this.refs = 1;
    }

    /** Slot count ({@code amap->size}). */
    public int size() {
        return anons.length;
    }

    public int refs() {
        return refs;
    }

    /** The anon in slot {@code i}, possibly a dangling one munmap already put. */
    public Anon anon(int i) {
        return anons[i];
    }

    /** Bytes meminfo reports as {@code anonsz}: SIZE_PAGE times the non-null slots of the whole amap. */
    public long anonBytes(long pageSize) {
        long n = 0;
        for (Anon a : anons) {
            if (a != null) {
                n++;
            }
        }
        return n * pageSize;
    }

    /**
     * {@code amap_create}: returns {@code amap} itself when it has one reference; otherwise a new amap holding
     * this entry's slice of anon pointers (no anon refs taken: ownership moves), dropping one reference on the
     * old amap. The new slot count is at least {@code minSlots} so neighbours can share it.
     *
     * @param aoffs in/out: the entry's byte offset in the amap; set to 0 for a new amap
     */
    public static Amap create(Amap amap, long[] aoffs, long size, long pageSize, int minSlots) {
        if (amap != null) {
            if (amap.refs == 1) {
                return amap;
            }
            amap.refs--;
        }
        int n = (int) (size / pageSize);
        Amap fresh = new Amap(Math.max(n, minSlots));
        int first = (int) (aoffs[0] / pageSize);
        for (int i = 0; i < n; i++) {
            fresh.anons[i] = amap == null ? null : amap.anons[first + i];
        }
        aoffs[0] = 0;
        return fresh;
    }

    /** {@code amap_ref}. */
    public static Amap ref(Amap amap) {
        if (amap != null) {
            amap.refs++;
        }
        return amap;
    }

    /** {@code amap_put}: frees at 0 refs without putting its anons. */
    public static void put(Amap amap) {
        if (amap != null) {
            amap.refs--;
        }
    }

    /** {@code amap_clear}: NULLs the slots of {@code [offset, offset+size)} without dropping references. */
    public void clear(long offset, long size, long pageSize) {
        for (long i = offset / pageSize; i < (offset + size) / pageSize && i < anons.length; i++) {
            anons[(int) i] = null;
        }
    }

    /** {@code amap_putanons}: one reference dropped per anon; page and anon freed at 0. Slots stay. */
    public static void putAnons(Amap amap, long offset, long size, long pageSize, PageAllocator pa) {
        if (amap == null) {
            return;
        }
        for (long i = offset / pageSize; i < (offset + size) / pageSize && i < amap.anons.length; i++) {
            Anon a = amap.anons[(int) i];
            if (a != null && --a.refs == 0) {
                pa.free(a.page);
            }
        }
    }

    /** {@code amap_getanons}: one reference added per anon (fork). */
    public static void getAnons(Amap amap, long offset, long size, long pageSize) {
        if (amap == null) {
            return;
        }
        for (long i = offset / pageSize; i < (offset + size) / pageSize && i < amap.anons.length; i++) {
            Anon a = amap.anons[(int) i];
            if (a != null) {
                a.refs++;
            }
        }
    }

    /**
     * {@code amap_page}: the page for slot {@code aoffs/SIZE_PAGE}.
     * <ul>
     * <li>an exclusive anon, or a shared one read: its page;</li>
     * <li>no anon: the object's page ({@link VmObject#page}); an object page read is returned shared;</li>
     * <li>otherwise a private page: a copy of the anon's or object's page (the old anon loses this amap's
     * reference), or a zeroed fresh page for anonymous memory, installed as a new anon.</li>
     * </ul>
     */
    public PageResult page(VmObject o, long aoffs, long offs, int prot, PageAllocator pa, SimPhysicalMemory phys,
            int addrBytes) {
        long pageSize = pa.pageSize();
        int slot = (int) (aoffs / pageSize);
        if (slot < 0 || slot >= anons.length) {
            return PageResult.error(EFAULT);
        }
        Anon a = anons[slot];
        Page p;
        if (a != null) {
            p = a.page;
            if (!(a.refs > 1 && (prot & PROT_WRITE) != 0)) {
                return PageResult.ok(p);
            }
        } else {
            PageResult r = VmObject.page(o, offs, pa, phys, addrBytes);
            if (r.err() != 0 || r.page() == null) {
                return r;
            }
            p = r.page();
            if (o != null && (prot & PROT_WRITE) == 0) {
                return r;
            }
        }
        try {
            if (a != null || o != null) {
                Page copy = pa.alloc(pageSize, PageFlags.OWNER_APP);
                if (copy == null) {
                    return PageResult.error(ENOMEM);
                }
                phys.write(copy.addr(), phys.read(p.addr(), (int) pageSize));
                p = copy;
            } else {
                phys.zero(p.addr(), pageSize);
            }
        } catch (MemoryAccessException e) {
            return PageResult.error(EFAULT);
        }
        if (a != null) {
            a.refs--;
        }
        anons[slot] = new Anon(p);
        return PageResult.ok(p);
    }
}
