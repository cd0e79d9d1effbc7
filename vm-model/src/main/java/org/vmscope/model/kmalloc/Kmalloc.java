package org.vmscope.model.kmalloc;

import java.util.HashMap;
import java.util.Map;

import org.vmscope.model.lib.RbTree;
import org.vmscope.model.map.Errno;
import org.vmscope.model.zone.VmZone;
import org.vmscope.model.zone.ZoneAllocator;
import org.vmscope.model.zone.ZoneLinks;

/**
 * {@code vm/kmalloc.c} (phoenix-vm.md §2.7, §3.12): power-of-two size classes 2^4..2^23, each a circular list
 * of non-full zones; full zones on the {@code used} list; a zone tree to find the owner of a freed pointer.
 * Zone headers are themselves blocks of class {@code hdridx}, except the static first zone, and the last
 * header block is kept in reserve. Empty zones are destroyed at once.
 *
 * <p>The zone headers' bytes are not written to RAM; the model keeps them as {@link VmZone} objects keyed by
 * their header block's address.
 */
public final class Kmalloc {
    private static final int CLASSES = 24;
    private static final int ZONEHDRS = 16;

    private final ZoneAllocator zones;
    private final long pageSize;
    private final int hdridx;
    private final int zoneStructSize;
    private final VmZone[] sizes = new VmZone[CLASSES];
    private final RbTree<VmZone> tree = new RbTree<>(Kmalloc::compare, null);
    private final Map<Long, VmZone> byHeader = new HashMap<>();
    private final VmZone firstzone = new VmZone(0);
    private VmZone used;
    private int hdrblocks;
    private long allocsz;
    private java.util.function.BooleanSupplier failureHook;

    private Kmalloc(ZoneAllocator zones, long pageSize, int pointerBytes) {
        this.zones = zones;
        this.pageSize = pageSize;
        this.zoneStructSize = pointerBytes == 4 ? 48 : 88;
        this.hdridx = ceilLog2(zoneStructSize);
    }

    /**
     * {@code _kmalloc_init}: creates the static first header zone ({@code max(16, SIZE_PAGE/2^hdridx)} blocks).
     *
     * @return the allocator, or null when the first zone cannot be created
     */
    public static Kmalloc init(ZoneAllocator zones, long pageSize, int pointerBytes) {
        Kmalloc k = new Kmalloc(zones, pageSize, pointerBytes);
        int blocks = (int) Math.max(ZONEHDRS, pageSize >> k.hdridx);
        if (zones.create(k.firstzone, 1L << k.hdridx, blocks) != Errno.EOK) {
            return null;
        }
        k.sizes[k.hdridx] = listAdd(k.sizes[k.hdridx], k.firstzone);
        k.tree.insert(k.firstzone);
        k.allocsz = 0;
        k.hdrblocks = k.firstzone.blocks();
        return k;
    }

    /** The boot line {@code vm: Initializing kernel memory allocator: (n*sizeof) bytes}. */
    public String bootLine() {
        return String.format("vm: Initializing kernel memory allocator: (%d*%d) %d", firstzone.blocks(), zoneStructSize,
                (long) firstzone.blocks() * zoneStructSize);
    }

    private static int ceilLog2(long v) {
        int i = 63 - Long.numberOfLeadingZeros(v);
        return (v & (v - 1)) != 0 ? i + 1 : i;
    }

    /** {@code kmalloc_zone_cmp}: containment either way is equality. */
    private static int compare(VmZone z1, VmZone z2) {
        if (Long.compareUnsigned(z1.vaddr(), z2.vaddr()) > 0) {
            return 1;
        }
        if (z1.contains(z2.vaddr()) || z2.contains(z1.vaddr())) {
            return 0;
        }
        return -1;
    }

    // ------------------------------------------------------------------ circular lists (LIST_ADD/REMOVE)

    private static VmZone listAdd(VmZone head, VmZone z) {
        ZoneLinks.add(z, head);
        return head == null ? z : head;
    }

    private static VmZone listRemove(VmZone head, VmZone z) {
        return ZoneLinks.remove(head, z);
    }

    /**
     * Failure injection for simulations: while {@code hook} answers true, {@link #kmalloc} returns NULL before
     * touching any state. Asked once per request; null removes it.
     */
    public void setFailureHook(java.util.function.BooleanSupplier hook) {
        this.failureHook = hook;
    }

    // ------------------------------------------------------------------ alloc

    /**
     * {@code vm_kmalloc}: a block of {@code max(size,16)} rounded up to a power of two, or 0 (NULL) for more
     * than 8 MiB or when memory runs out.
     */
    public long kmalloc(long size) {
        long s = Math.max(size, 16);
        int idx = ceilLog2(s);
        if (idx >= CLASSES || size < 0) {
            return 0;
        }
        if (failureHook != null && failureHook.getAsBoolean()) {
            return 0; // injected failure: vm_kmalloc returns NULL
        }
        int err = Errno.EOK;
        if (hdrblocks == 1) {
            err = addZone(hdridx);
        }
        if (err == Errno.EOK && sizes[idx] == null) {
            err = addZone(idx);
        }
        return err == Errno.EOK ? alloc(idx) : 0;
    }

    private long alloc(int idx) {
        VmZone z = sizes[idx];
        long b = zones.zalloc(z);
        if (b != 0) {
            allocsz += 1L << idx;
            if (idx == hdridx) {
                hdrblocks--;
            }
            if (z.used() == z.blocks()) {
                sizes[idx] = listRemove(sizes[idx], z);
                used = listAdd(used, z);
            }
        }
        return b;
    }

    /** {@code _kmalloc_addZone}: a header block, then a zone of {@code max(1 or 16, SIZE_PAGE/2^idx)} blocks. */
    private int addZone(int idx) {
        long hdr = alloc(hdridx);
        if (hdr == 0) {
            return Errno.ENOMEM;
        }
        VmZone nz = new VmZone(hdr);
        int blocks = (int) Math.max(idx == hdridx ? ZONEHDRS : 1, pageSize >> idx);
        if (zones.create(nz, 1L << idx, blocks) != Errno.EOK) {
            free(hdr);
            return Errno.ENOMEM;
        }
        byHeader.put(hdr, nz);
        sizes[idx] = listAdd(sizes[idx], nz);
        tree.insert(nz);
        if (idx == hdridx) {
            hdrblocks += nz.blocks();
        }
        return Errno.EOK;
    }

    // ------------------------------------------------------------------ free

    /** {@code vm_kfree}: pointers in no zone are ignored; emptied zones and then their headers are freed. */
    public void kfree(long p) {
        long q = p;
        for (int guard = 0; q != 0 && guard < 64; guard++) {
            q = freeAtom(q);
        }
    }

    private VmZone free(long p) {
        VmZone z = tree.find(VmZone.probe(p, 1, 16));
        if (z == null) {
            return null;
        }
        zones.zfree(z, p);
        allocsz -= z.blocksz();
        int idx = 63 - Long.numberOfLeadingZeros(z.blocksz());
        if (idx == hdridx) {
            hdrblocks++;
        }
        if (z.used() == z.blocks() - 1) {
            used = listRemove(used, z);
            sizes[idx] = listAdd(sizes[idx], z);
        }
        return z;
    }

    /** {@code _kmalloc_freeAtom}: returns the header block to free next when a zone was destroyed, else 0. */
    private long freeAtom(long p) {
        VmZone z = free(p);
        if (z == null) {
            return 0;
        }
        int idx = 63 - Long.numberOfLeadingZeros(z.blocksz());
        if (z.used() == 0 && z != firstzone) {
            sizes[idx] = listRemove(sizes[idx], z);
            int blocks = z.blocks();
            zones.destroy(z);
            tree.remove(z);
            byHeader.remove(z.header());
            if (idx == hdridx) {
                hdrblocks -= blocks;
            }
            return z.header();
        }
        return 0;
    }

    // ------------------------------------------------------------------ stats

    /** {@code vm_kmallocGetStats}: bytes handed out, counted at the rounded class size. */
    public long allocBytes() {
        return allocsz;
    }

    /** Free blocks left in the header class. */
    public int hdrblocks() {
        return hdrblocks;
    }

    /** log2 of the header class block size: 6 on 32-bit, 7 on 64-bit targets. */
    public int hdridx() {
        return hdridx;
    }

    /** Head of class {@code idx}'s list of non-full zones, or null. */
    public VmZone sizes(int idx) {
        return idx >= 0 && idx < CLASSES ? sizes[idx] : null;
    }

    /** Head of the full-zone list, or null. */
    public VmZone used() {
        return used;
    }

    public VmZone firstzone() {
        return firstzone;
    }

    /** Root of the zone tree ({@code kmalloc_common.tree}), or null; for checks and viewers. */
    public VmZone zoneTreeRoot() {
        return tree.root();
    }

    /** The zone whose blocks contain {@code p}, or null. */
    public VmZone zoneOf(long p) {
        return tree.find(VmZone.probe(p, 1, 16));
    }

    /** {@code vm_kmallocDump}: {@code sizes[i]=vaddr(used/blocks) ...} per class. */
    public String dump() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < CLASSES; i++) {
            sb.append("sizes[").append(i).append("]=");
            VmZone z = sizes[i];
            if (z != null) {
                int guard = 0;
                do {
                    sb.append(String.format("%x(%d/%d) ", z.vaddr(), z.used(), z.blocks()));
                    z = z.next();
                } while (z != sizes[i] && z != null && ++guard < 1 << 16);
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
