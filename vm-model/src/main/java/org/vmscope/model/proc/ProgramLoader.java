package org.vmscope.model.proc;

import org.vmscope.model.Arch;
import org.vmscope.model.kernel.ProgramImage;
import org.vmscope.model.map.Errno;
import org.vmscope.model.map.Mman;
import org.vmscope.model.map.VmMap;
import org.vmscope.model.object.VmObject;
import org.vmscope.model.page.PageAllocator;

/**
 * Maps a program's segments into a map as {@code process_load} does (phoenix-vm.md §1.1, §3.4, §3.10, §5.2):
 * <ul>
 * <li>MMU, eagerly through {@code vm_mmap}: text read/execute from the image (file object, or
 * {@code VM_OBJ_PHYSMEM} at the image's frames for a resident syspage program); data read/write from the image
 * with {@code MAP_NEEDSCOPY}, so populating copies it into private anons; bss anonymous right after it (sharing
 * data's amap, which is why psh shows {@code .data} as {@code port.id/(8KB)}); the stack anonymous at
 * {@code pmap.end - stacksz}. <em>(inference: the reference gives the entries' shape, §5.2's example, not the
 * loader's flags.)</em></li>
 * <li>NOMMU, lazily in the process's shared map: a resident program's text executes in place (no entry);
 * otherwise text is a relocated copy in an anonymous range; data+bss one anonymous range; the stack another
 * (§2.9). Nothing is allocated or zeroed. The caller runs this as the process, which therefore owns the
 * entries.</li>
 * </ul>
 */
final class ProgramLoader {
    static final int USTACK_PAGES = 8;

    private final ObjectTree objects;
    private final long pageSize;
    private final Arch arch;

    ProgramLoader(ObjectTree objects, Arch arch) {
        this.objects = objects;
        this.arch = arch;
        this.pageSize = arch.pageSize();
    }

    /** Where text starts: the classic ELF base on ia32, 64 KiB elsewhere. */
    long textBase() {
        return arch == Arch.IA32 ? 0x08048000L : 0x10000L;
    }

    private long round(long v) {
        return (v + pageSize - 1) & ~(pageSize - 1);
    }

    long stackBytes(ProgramImage img) {
        return img.stack() == 0 ? USTACK_PAGES * pageSize : round(img.stack());
    }

    /** MMU load into {@code m}; on failure the caller destroys the map. */
    int loadMmu(VmMap m, ProgramImage img) {
        long rt = round(img.text());
        long rd = round(img.data());
        VmObject o;
        long base;
        if (img.resident()) {
            o = VmObject.PHYSMEM;
            base = img.addr();
        } else {
            o = objects.get(img.name(), rt + rd);
            base = 0;
        }
        int u = Mman.PROT_USER;
        int err = Errno.EOK;
        long va = textBase();
        if (rt != 0 && m.mmap(va, null, rt, Mman.PROT_READ | Mman.PROT_EXEC | u, o, base, Mman.MAP_NONE) == 0) {
            err = Errno.ENOMEM;
        }
        if (err == Errno.EOK && rd != 0 && m.mmap(va + rt, null, rd, Mman.PROT_READ | Mman.PROT_WRITE | u, o,
                base + rt, Mman.MAP_NEEDSCOPY) == 0) {
            err = Errno.ENOMEM;
        }
        long rb = round(img.bss());
        if (err == Errno.EOK && rb != 0
                && m.mmap(va + rt + rd, null, rb, Mman.PROT_READ | Mman.PROT_WRITE | u, null, -1, Mman.MAP_NONE) == 0) {
            err = Errno.ENOMEM;
        }
        long st = stackBytes(img);
        if (err == Errno.EOK
                && m.mmap(m.stop() - st, null, st, Mman.PROT_READ | Mman.PROT_WRITE | u, null, -1, Mman.MAP_NONE) == 0) {
            err = Errno.ENOMEM;
        }
        if (!img.resident()) {
            VmObject.put(o, pages(m));
        }
        return err;
    }

    private static PageAllocator pages(VmMap m) {
        return m.context().pages();
    }

    /**
     * NOMMU load into the shared map {@code m}, run on behalf of the new process (it owns what is reserved).
     * On failure the ranges reserved so far stay on its ring; the caller releases them.
     */
    int loadNommu(VmMap m, ProgramImage img) {
        int u = Mman.PROT_USER;
        long rt = round(img.text());
        long rdb = round(img.data()) + round(img.bss());
        if (!img.resident() && rt != 0 && !reserve(m, rt, Mman.PROT_READ | Mman.PROT_EXEC | u)) {
            return Errno.ENOMEM;
        }
        if (rdb != 0 && !reserve(m, rdb, Mman.PROT_READ | Mman.PROT_WRITE | u)) {
            return Errno.ENOMEM;
        }
        if (!reserve(m, stackBytes(img), Mman.PROT_READ | Mman.PROT_WRITE | u)) {
            return Errno.ENOMEM;
        }
        return Errno.EOK;
    }

    private static boolean reserve(VmMap m, long size, int prot) {
        return m.mmap(m.start(), null, size, prot, null, -1, Mman.MAP_NONE) != 0;
    }
}
