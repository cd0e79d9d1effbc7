package org.vmscope.bridge.sim;

import java.util.ArrayDeque;
import java.util.Deque;
import org.vmscope.model.Arch;
import org.vmscope.model.kernel.BootException;
import org.vmscope.model.kernel.BootMappings;
import org.vmscope.model.kernel.KernelPmapFactory;
import org.vmscope.model.kernel.Machine;
import org.vmscope.model.kernel.SimKernel;
import org.vmscope.model.map.Mman;
import org.vmscope.model.map.VmMap;
import org.vmscope.model.page.Page;
import org.vmscope.model.page.PageFlags;
import org.vmscope.model.phys.SimPhysicalMemory;
import org.vmscope.model.pmap.Aarch64Pmap;
import org.vmscope.model.pmap.Armv7aPmap;
import org.vmscope.model.pmap.Ia32Pmap;
import org.vmscope.model.pmap.Pmap;
import org.vmscope.model.pmap.RiscvFormat;
import org.vmscope.model.pmap.RiscvPmap;
import org.vmscope.model.pmap.SrmmuFormat;
import org.vmscope.model.pmap.SrmmuPmap;
import org.vmscope.model.pmap.TablePmap;

/**
 * Kernels with real page tables for the tests, built through {@link SimKernel#boot(Machine, KernelPmapFactory)}
 * with the kernel's top-level table at a hand-picked frame of {@link Machine#standard}'s loader tables, so the
 * tests know the paging root independently of the code under test. Markers are frames the test fills with
 * known words and maps itself.
 */
final class SimFixture {
    static final int MB = 1 << 20;

    /** The top-level table each test kernel uses (the machine's loader page-table frames). */
    static long kernelRoot(Arch arch) {
        return switch (arch) {
            case IA32 -> 0x3000L;                       // "pdir"
            case RISCV64 -> 0x80200000L + 0x40000;      // "pdir2"
            case AARCH64 -> 0x40000L;                   // "kernel_ttl2" (TTBR1)
            case ARMV7A -> 0x80040000L;                 // "kpdir"
            case SPARCV8LEON -> 0x40000L;               // context table
            default -> throw new IllegalArgumentException(arch.id());
        };
    }

    static SimKernel boot(Arch arch) throws BootException {
        Machine m = Machine.standard(arch, arch.hasMmu() ? 32L * MB : 256 * 1024);
        return arch.hasMmu() ? SimKernel.boot(m, (phys, bm) -> kernelPmap(arch, phys, bm)) : SimKernel.boot(m);
    }

    private static Pmap kernelPmap(Arch arch, SimPhysicalMemory phys, BootMappings bm) {
        Deque<Long> frames = new ArrayDeque<>();
        TablePmap p;
        switch (arch) {
            case IA32 -> {
                p = Ia32Pmap.kernel(phys, 0x3000);
                frames.add(0x4000L);
            }
            case RISCV64 -> {
                long s = kernelRoot(Arch.RISCV64);
                p = RiscvPmap.kernel(phys, RiscvFormat.sv39(), s);
                frames.add(s + 0x1000);
                frames.add(s + 0x2000);
            }
            case AARCH64 -> {
                p = Aarch64Pmap.kernel(phys, 0x43000, 0x40000); // software ttl1 in the boot scratch page
                frames.add(0x41000L);
            }
            case ARMV7A -> {
                p = Armv7aPmap.kernel(phys, 0x80040000L);
                frames.add(0x80044000L);
            }
            case SPARCV8LEON -> {
                p = SrmmuPmap.kernel(phys, 0x40000, 0x40400);
                sparcStaticTables(phys);
            }
            default -> throw new IllegalStateException();
        }
        for (BootMappings.Table t : bm.tables()) {
            if (!"null-page".equals(t.why())) {
                frames.add(t.frame());
            }
        }
        for (BootMappings.Mapping mp : bm.mappings()) {
            int r = p.enter(mp.pa(), mp.va(), mp.attr(), -1);
            for (int guard = 0; r < 0 && r != TablePmap.EINVAL && !frames.isEmpty() && guard < 8; guard++) {
                r = p.enter(mp.pa(), mp.va(), mp.attr(), frames.poll());
            }
            if (r < 0) {
                throw new IllegalStateException(String.format("cannot map 0x%x -> 0x%x: %d", mp.va(), mp.pa(), r));
            }
        }
        return p;
    }

    /**
     * SRMMU: the loader's packed 256-byte tables in the five boot frames: the context table at 0x40000, L1 at
     * 0x40400, one L2 at 0x40800 and 64 L3 tables from 0x41000, which map the first 16 MiB of kernel VA.
     */
    private static void sparcStaticTables(SimPhysicalMemory phys) {
        SrmmuFormat f = SrmmuFormat.l1Rooted();
        long l1 = 0x40400;
        long l2 = 0x40800;
        long l3 = 0x41000;
        try {
            phys.write(l1 + 4L * f.geometry().index(0xC0000000L, 0), f.entryBytes(f.encodeTable(l2, 0)));
            for (int i = 0; i < 64; i++) {
                phys.write(l2 + 4L * i, f.entryBytes(f.encodeTable(l3 + 0x100L * i, 1)));
            }
        } catch (org.vmscope.model.phys.MemoryAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A block of frames filled with {@code base | i} words and mapped at {@code va}. */
    record Marker(long va, long pa, long bytes, int base) {

        int word(int i) {
            return base | i;
        }
    }

    /** Allocates {@code pages} kernel frames, fills them and maps them read-write in the kernel map. */
    static Marker kernelMarker(SimKernel k, int pages, int base) throws Exception {
        return marker(k, k.kmap(), pages, base, Mman.PROT_READ | Mman.PROT_WRITE);
    }

    /** The same in a user map, user-accessible. */
    static Marker userMarker(SimKernel k, VmMap map, int pages, int base) throws Exception {
        return marker(k, map, pages, base, Mman.PROT_READ | Mman.PROT_WRITE | Mman.PROT_USER);
    }

    private static Marker marker(SimKernel k, VmMap map, int pages, int base, int prot) throws Exception {
        long size = pages * k.arch().pageSize();
        Page p = k.pages().alloc(size, PageFlags.OWNER_KERNEL | PageFlags.KERNEL_HEAP);
        if (p == null) {
            throw new IllegalStateException("no frames for a marker");
        }
        byte[] data = new byte[(int) size];
        boolean be = k.arch().byteOrder() == java.nio.ByteOrder.BIG_ENDIAN;
        for (int i = 0; i < data.length / 4; i++) {
            int w = base | i;
            for (int b = 0; b < 4; b++) {
                data[4 * i + b] = (byte) (w >>> (be ? 24 - 8 * b : 8 * b));
            }
        }
        k.phys().write(p.addr(), data);
        long va = map.mmap(0, p, size, prot, k.kernelObject(), -1, Mman.MAP_NONE);
        if (va == 0) {
            throw new IllegalStateException("mmap of the marker failed");
        }
        return new Marker(va, p.addr(), size, base);
    }

    /** A user map with the architecture's own {@code pmap_create}. */
    static VmMap userMap(SimKernel k) {
        Pmap kp = k.kmap().pmap();
        SimPhysicalMemory phys = k.phys();
        return switch (k.arch()) {
            case IA32 -> k.createMap(0x1000, Ia32Pmap.VADDR_KERNEL, root -> Ia32Pmap.create(phys, (Ia32Pmap) kp, root));
            case RISCV64 -> k.createMap(0x1000, RiscvPmap.VADDR_USR_MAX,
                    root -> RiscvPmap.create(phys, (RiscvPmap) kp, root));
            case AARCH64 -> k.createMap(0x1000, Aarch64Pmap.VADDR_USR_MAX,
                    root -> Aarch64Pmap.create(phys, (Aarch64Pmap) kp, root));
            case ARMV7A -> k.createMap(0x1000, Armv7aPmap.VADDR_USR_MAX,
                    root -> Armv7aPmap.create(phys, (Armv7aPmap) kp, root));
            default -> throw new IllegalArgumentException(k.arch().id());
        };
    }
}
