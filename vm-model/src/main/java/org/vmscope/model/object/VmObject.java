package org.vmscope.model.object;

import org.vmscope.model.page.Page;
import org.vmscope.model.page.PageAllocator;
import org.vmscope.model.page.PageFlags;
import org.vmscope.model.phys.MemoryAccessException;
import org.vmscope.model.phys.SimPhysicalMemory;

/**
 * {@code vm_object_t} (phoenix-vm.md §2.4, §3.9): a memory object with a lazily filled page cache, plus the
 * special objects. Anonymous memory is the null object (no instance).
 */
public final class VmObject {
    private static final int ENOMEM = -12;
    private static final int EINVAL = -22;
    private static final int ERANGE = -34;
    private static final int EFAULT = -14;

    /** What kind of object this is. */
    public enum Kind {
        /** {@code VM_OBJ_PHYSMEM}: the entry offset is a physical address; ref/put are no-ops. */
        PHYSMEM,
        /** The kernel object, oid 0.0, size 0: its entries are always populated explicitly. */
        KERNEL,
        /** A file object served by a {@link Pager}. */
        FILE,
        /** {@code MAP_CONTIGUOUS}: one buddy block, never in the object tree. */
        CONTIGUOUS
    }

    /** {@code VM_OBJ_PHYSMEM}. */
    public static final VmObject PHYSMEM = new VmObject(Kind.PHYSMEM, -1, -1, 0, 1, null);

    private final Kind kind;
    private final int port;
    private final long id;
    private final long size;
    private final Pager pager;
    private final Page[] pages;
    private final long pageSize;
    private int refs;

    private VmObject(Kind kind, int port, long id, long size, long pageSize, Pager pager) {
        this.kind = kind;
        this.port = port;
        this.id = id;
        this.size = size;
        this.pager = pager;
        this.pageSize = pageSize;
        long n = kind == Kind.PHYSMEM ? 0 : (size + pageSize - 1) / pageSize;
        this.pages = new Page[(int) Math.min(n, Integer.MAX_VALUE - 8)];
    }

    /** The kernel object {@code main_common.kernel}. */
    public static VmObject kernel() {
        VmObject o = new VmObject(Kind.KERNEL, 0, 0, 0, 1, null);
        o.refs = 1;
        return o;
    }

    /** A file object as {@code vm_objectGet} creates it (refs 0; the getter then refs it). */
    public static VmObject file(int port, long id, long size, long pageSize, Pager pager) {
        return new VmObject(Kind.FILE, port, id, size, pageSize, pager);
    }

    /** {@code vm_objectContiguous}: oid {-1,-1}, refs 1, all pages from {@code block}. */
    public static VmObject contiguous(Page block, long pageSize) {
        VmObject o = new VmObject(Kind.CONTIGUOUS, -1, -1, block.blockBytes(), pageSize, null);
        for (int i = 0; i < o.pages.length && i * pageSize < block.blockBytes(); i++) {
            o.pages[i] = block.plus(i);
        }
        o.refs = 1;
        return o;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isPhysmem() {
        return kind == Kind.PHYSMEM;
    }

    public int port() {
        return port;
    }

    public long id() {
        return id;
    }

    public long size() {
        return size;
    }

    public int refs() {
        return refs;
    }

    /** {@code vm_objectRef}. */
    public static VmObject ref(VmObject o) {
        if (o != null && !o.isPhysmem()) {
            o.refs++;
        }
        return o;
    }

    /**
     * {@code vm_objectPut}: at 0 refs the cached pages are freed (a contiguous object frees its whole block
     * through {@code pages[0]}).
     */
    public static void put(VmObject o, PageAllocator pa) {
        if (o == null || o.isPhysmem()) {
            return;
        }
        if (--o.refs > 0) {
            return;
        }
        if (o.kind == Kind.CONTIGUOUS) {
            if (o.pages.length > 0 && o.pages[0] != null) {
                pa.free(o.pages[0]);
            }
        } else {
            for (int i = 0; i < o.pages.length; i++) {
                if (o.pages[i] != null) {
                    pa.free(o.pages[i]);
                    o.pages[i] = null;
                }
            }
        }
    }

    /** The cached page at {@code offs}, or null. */
    public Page cached(long offs) {
        long i = offs / pageSize;
        return i >= 0 && i < pages.length ? pages[(int) i] : null;
    }

    /**
     * {@code vm_objectPage}: the page backing {@code offs} of {@code o}.
     * <ul>
     * <li>null (anonymous): a fresh {@code PAGE_OWNER_APP} page, not zeroed;</li>
     * <li>PHYSMEM: {@code page_get(offs)}, possibly null outside RAM; an offset beyond {@code addr_t} is
     * {@code -ERANGE};</li>
     * <li>kernel or file: {@code -EINVAL} past the size; the cached page; else {@code object_fetch}: a new APP
     * page filled by the pager and cached.</li>
     * </ul>
     */
    public static PageResult page(VmObject o, long offs, PageAllocator pa, SimPhysicalMemory phys, int addrBytes) {
        long pageSize = pa.pageSize();
        if (o == null) {
            Page p = pa.alloc(pageSize, PageFlags.OWNER_APP);
            return p == null ? PageResult.error(ENOMEM) : PageResult.ok(p);
        }
        if (o.isPhysmem()) {
            if (addrBytes == 4 && (offs >>> 32) != 0) {
                return PageResult.error(ERANGE);
            }
            return PageResult.ok(pa.get(offs));
        }
        if (Long.compareUnsigned(offs, o.size) >= 0) {
            return PageResult.error(EINVAL);
        }
        int slot = (int) (offs / pageSize);
        if (o.pages[slot] != null) {
            return PageResult.ok(o.pages[slot]);
        }
        if (o.pager == null) {
            return PageResult.error(EINVAL);
        }
        Page p = pa.alloc(pageSize, PageFlags.OWNER_APP);
        if (p == null) {
            return PageResult.error(ENOMEM);
        }
        byte[] buf = new byte[(int) pageSize];
        int err = o.pager.read(o.port, o.id, offs - offs % pageSize, buf);
        if (err < 0) {
            pa.free(p);
            return PageResult.error(err);
        }
        try {
            phys.write(p.addr(), buf);
        } catch (MemoryAccessException e) {
            pa.free(p);
            return PageResult.error(EFAULT);
        }
        o.pages[slot] = p;
        return PageResult.ok(p);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case PHYSMEM -> "PHYSMEM";
            case KERNEL -> "kernel 0.0";
            default -> kind.name().toLowerCase() + " " + port + "." + Long.toUnsignedString(id);
        };
    }
}
