package org.vmscope.model.zone;

import java.nio.ByteBuffer;

import org.vmscope.model.Arch;
import org.vmscope.model.map.Errno;
import org.vmscope.model.map.Mman;
import org.vmscope.model.map.VmMap;
import org.vmscope.model.object.VmObject;
import org.vmscope.model.page.PageFlags;
import org.vmscope.model.phys.MemoryAccessException;

/**
 * {@code vm/zone.c} (phoenix-vm.md §3.11). Free-list links are written to and read from simulated RAM
 * through the zone's physical block, in the target's pointer width and byte order, so a mirror reading the
 * target sees the same lists. No locking, as in the kernel (kmalloc holds its own).
 */
public final class ZoneAllocator {
    private final VmMap kmap;
    private final VmObject kernel;
    private final Arch arch;

    public ZoneAllocator(VmMap kmap, VmObject kernel) {
        this.kmap = kmap;
        this.kernel = kernel;
        this.arch = kmap.context().arch();
    }

    /**
     * {@code _vm_zoneCreate}: a {@code KERNEL|HEAP} block of at least {@code blocks*blocksz} bytes (spare room
     * is not turned into blocks), mapped at the lowest fit in the kernel map, blocks chained in order.
     *
     * @return 0, {@link Errno#EINVAL} (blocksz not a power of two, no blocks) or {@link Errno#ENOMEM}
     */
    public int create(VmZone z, long blocksz, int blocks) {
        if (blocksz <= 0 || blocks <= 0 || (blocksz & (blocksz - 1)) != 0) {
            return Errno.EINVAL;
        }
        var pa = kmap.context().pages();
        z.pages = pa.alloc(blocks * blocksz, PageFlags.OWNER_KERNEL | PageFlags.KERNEL_HEAP);
        if (z.pages == null) {
            return Errno.ENOMEM;
        }
        z.vaddr = kmap.mmap(kmap.start(), z.pages, 1L << z.pages.idx(), Mman.PROT_READ | Mman.PROT_WRITE, kernel, -1,
                Mman.MAP_NONE);
        if (z.vaddr == 0) {
            pa.free(z.pages);
            z.pages = null;
            return Errno.ENOMEM;
        }
        for (int i = 0; i < blocks; i++) {
            long link = i + 1 < blocks ? z.vaddr + (i + 1) * blocksz : 0;
            writeLink(z, z.vaddr + i * blocksz, link);
        }
        z.first = z.vaddr;
        z.blocks = blocks;
        z.blocksz = blocksz;
        z.used = 0;
        return Errno.EOK;
    }

    /** {@code _vm_zoneDestroy}: EBUSY while blocks are in use; else unmap and free the block. */
    public int destroy(VmZone z) {
        if (z == null) {
            return Errno.EINVAL;
        }
        if (z.used != 0) {
            return Errno.EBUSY;
        }
        kmap.munmap(z.vaddr, 1L << z.pages.idx());
        kmap.context().pages().free(z.pages);
        z.vaddr = 0;
        z.first = 0;
        z.pages = null;
        return Errno.EOK;
    }

    /** {@code _vm_zalloc}: pops the free list; 0 when full. */
    public long zalloc(VmZone z) {
        if (z == null || z.used == z.blocks) {
            return 0;
        }
        long block = z.first;
        z.first = readLink(z, block);
        z.used++;
        return block;
    }

    /** The physical address of a block ({@code _vm_zalloc}'s {@code addr} output). */
    public static long physical(VmZone z, long block) {
        return z.pages.addr() + (block - z.vaddr);
    }

    /** {@code _vm_zfree}: pointers outside the zone are ignored; no double-free detection. */
    public void zfree(VmZone z, long block) {
        if (!z.contains(block)) {
            return;
        }
        writeLink(z, block, z.first);
        z.first = block;
        z.used--;
    }

    private void writeLink(VmZone z, long block, long value) {
        ByteBuffer b = ByteBuffer.allocate(arch.pointerBytes()).order(arch.byteOrder());
        if (arch.pointerBytes() == 4) {
            b.putInt((int) value);
        } else {
            b.putLong(value);
        }
        try {
            kmap.context().phys().write(physical(z, block), b.array());
        } catch (MemoryAccessException e) {
            // the block is RAM by construction; nothing sensible to do otherwise
        }
    }

    private long readLink(VmZone z, long block) {
        try {
            ByteBuffer b = ByteBuffer.wrap(kmap.context().phys().read(physical(z, block), arch.pointerBytes()))
                    .order(arch.byteOrder());
            return arch.pointerBytes() == 4 ? b.getInt() & 0xffffffffL : b.getLong();
        } catch (MemoryAccessException e) {
            return 0;
        }
    }
}
