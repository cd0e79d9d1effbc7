package org.vmscope.model.kernel;

import java.util.ArrayDeque;
import java.util.Deque;

import org.vmscope.model.Arch;
import org.vmscope.model.phys.MemoryAccessException;
import org.vmscope.model.phys.SimPhysicalMemory;
import org.vmscope.model.pmap.Aarch64Pmap;
import org.vmscope.model.pmap.Armv7aPmap;
import org.vmscope.model.pmap.Ia32Pmap;
import org.vmscope.model.pmap.PageAttr;
import org.vmscope.model.pmap.Pmap;
import org.vmscope.model.pmap.RiscvFormat;
import org.vmscope.model.pmap.RiscvPmap;
import org.vmscope.model.pmap.SrmmuFormat;
import org.vmscope.model.pmap.SrmmuPmap;
import org.vmscope.model.pmap.TablePmap;

/**
 * Builds the real per-architecture kernel pmap at the end of boot (phoenix-vm.md §4.2-4.6) and the user
 * pmaps {@code vm_mapCreate} makes later, so simulated RAM holds hardware tables a walker can read.
 *
 * <p>The kernel pmap's tables are the loader's static ones (the machine's {@code P} boot regions, named as
 * {@link Machine#standard} names them), then the frames boot allocated: sbrk tables as the heap pages are
 * entered, {@code _pmap_kernelSpaceExpand} tables installed empty at their VA, then the NULL page entry.
 * Not modelled: the expansion probes' own leaves (the reference does not say which VAs they hit).
 */
final class HardwarePmaps {
    private static final long PAGE = 0x1000;

    private final Machine m;
    private final SimPhysicalMemory phys;

    private HardwarePmaps(Machine m, SimPhysicalMemory phys) {
        this.m = m;
        this.phys = phys;
    }

    /**
     * The kernel pmap for {@code m}, or null when the machine does not name the loader's tables (custom
     * machines): the caller then uses a {@link SoftPmap}.
     */
    static TablePmap kernel(Machine m, SimPhysicalMemory phys, BootMappings bm, long kernelSpaceEnd) {
        return new HardwarePmaps(m, phys).build(bm, kernelSpaceEnd);
    }

    /** {@code pmap_create} for a user map whose top-level table is at {@code rootPa}. */
    static Pmap user(SimPhysicalMemory phys, Pmap kpmap, long rootPa) {
        if (kpmap instanceof Ia32Pmap k) {
            return Ia32Pmap.create(phys, k, rootPa);
        }
        if (kpmap instanceof Armv7aPmap k) {
            return Armv7aPmap.create(phys, k, rootPa);
        }
        if (kpmap instanceof Aarch64Pmap k) {
            return Aarch64Pmap.create(phys, k, rootPa);
        }
        if (kpmap instanceof RiscvPmap k) {
            return RiscvPmap.create(phys, k, rootPa);
        }
        if (kpmap instanceof SrmmuPmap k) {
            return SrmmuPmap.create(phys, k, rootPa);
        }
        return new SoftPmap(rootPa, PAGE, 1L << 22);
    }

    private long region(String name) {
        for (MemRegion r : m.bootAllocations()) {
            if (r.name().equals(name)) {
                return r.start();
            }
        }
        return -1;
    }

    private TablePmap build(BootMappings bm, long end) {
        KernelLayout k = m.kernel();
        long vk = k.vaddrKernel();
        TablePmap p;
        switch (m.arch()) {
            case IA32 -> {
                long pdir = region("pdir");
                long ptable = region("ptable");
                if (pdir < 0 || ptable < 0) {
                    return null;
                }
                p = Ia32Pmap.kernel(phys, pdir);
                install(p, vk, ptable);
            }
            case ARMV7A -> {
                long s = region("kpdir/kptab/excptab");
                if (s < 0) {
                    return null;
                }
                p = Armv7aPmap.kernel(phys, s);
                install(p, vk, s + 0x4000);
                install(p, 0xFFC00000L, s + 0x5000); // excptab: vectors and device windows
            }
            case AARCH64 -> {
                long s = region("kernel_ttl2/ttl3/devices_ttl3");
                if (s < 0) {
                    return null;
                }
                // kernel_ttl1 is software-only, part of pmap_common in the image's data: the page after heap0
                p = Aarch64Pmap.kernel(phys, k.heapPa() + PAGE, s);
                install(p, vk, s + PAGE);
                install(p, 0xFFFFFFFFFFE00000L, s + 2 * PAGE); // devices_ttl3 (DTB and device windows)
            }
            case RISCV64 -> {
                long s = region("pdir2/pdir1/pdir0");
                if (s < 0) {
                    return null;
                }
                RiscvPmap r;
                if (m.sv48()) {
                    long top = region("pdir3");
                    if (top < 0) {
                        return null;
                    }
                    r = RiscvPmap.kernel(phys, RiscvFormat.sv48(), top);
                    install(r, vk, s);
                } else {
                    r = RiscvPmap.kernel(phys, RiscvFormat.sv39(), s);
                }
                install(r, vk, s + PAGE);
                install(r, vk, s + 2 * PAGE);
                p = r;
            }
            case SPARCV8LEON -> {
                long s = region("ctx/pdir1/pdir2/pdir3");
                if (s < 0) {
                    return null;
                }
                SrmmuPmap sp = SrmmuPmap.kernel(phys, s, s + 0x400);
                if (!sparcStaticTables(s, vk)) {
                    return null;
                }
                p = sp;
            }
            default -> {
                return null;
            }
        }
        Deque<Long> sbrk = new ArrayDeque<>();
        Deque<Long> nullPage = new ArrayDeque<>();
        for (BootMappings.Table t : bm.tables()) {
            if ("sbrk".equals(t.why())) {
                sbrk.add(t.frame());
            } else if ("null-page".equals(t.why())) {
                nullPage.add(t.frame());
            }
        }
        for (BootMappings.Mapping mp : bm.mappings()) {
            enter(p, mp.pa(), mp.va(), mp.attr(), sbrk);
        }
        for (BootMappings.Table t : bm.tables()) {
            if ("expand".equals(t.why())) {
                install(p, t.va(), t.frame());
            }
        }
        // _page_map(pmap, NULL, 0, PGHD_USER | ~PGHD_PRESENT): ia32 and riscv64 make it a present mapping
        int nullAttr = (PageAttr.READ | PageAttr.WRITE | PageAttr.EXEC | PageAttr.USER | PageAttr.DEV
                | PageAttr.NOT_CACHED);
        enter(p, 0, 0, nullAttr, nullPage);
        if (p instanceof RiscvPmap r) {
            r.setEnd(end);
        }
        return p;
    }

    /** {@code pmap_enter} retried with the next boot table frame while a table is missing. */
    private static void enter(TablePmap p, long pa, long va, int attr, Deque<Long> frames) {
        int r = p.enter(pa, va, attr, -1);
        for (int guard = 0; missing(r) && !frames.isEmpty() && guard < 8; guard++) {
            r = p.enter(pa, va, attr, frames.poll());
        }
    }

    private static boolean missing(int r) {
        return r == Pmap.NEEDS_TABLE || r == TablePmap.ENOMEM;
    }

    /**
     * Installs {@code frame} as the first missing table on {@code va}'s path (an empty table, as the loader's
     * static tables and kernel space expansion leave them). The probe leaf it writes on the way is removed.
     */
    private static void install(TablePmap p, long va, long frame) {
        int r = p.enter(0, va, 0, -1);
        if (missing(r)) {
            p.enter(0, va, 0, frame);
        }
        p.remove(va, va + PAGE);
    }

    /**
     * SRMMU: {@code pmap_common}'s 256-byte {@code pdir2} and the 64 256-byte {@code pdir3} tables that map the
     * first 16 MiB of kernel VA, linked as the loader leaves them (the generic path gives each table a frame).
     */
    private boolean sparcStaticTables(long s, long vk) {
        SrmmuFormat f = SrmmuFormat.l1Rooted();
        long pdir1 = s + 0x400;
        long pdir2 = s + 0x800;
        long pdir3 = s + 0x1000;
        try {
            phys.zero(pdir2, 0x100);
            phys.zero(pdir3, 64 * 0x100);
            write(f, pdir1 + 4L * f.geometry().index(vk, 0), f.encodeTable(pdir2, 0));
            for (int i = 0; i < 64; i++) {
                write(f, pdir2 + 4L * i, f.encodeTable(pdir3 + 0x100L * i, 1));
            }
            return true;
        } catch (MemoryAccessException | IllegalArgumentException e) {
            return false;
        }
    }

    private void write(SrmmuFormat f, long pa, long raw) throws MemoryAccessException {
        phys.write(pa, f.entryBytes(raw));
    }

    /** The user address range {@code [VADDR_MIN + SIZE_PAGE, VADDR_USR_MAX)} of an MMU architecture. */
    static long[] userRange(Arch arch) {
        long max = switch (arch) {
            case IA32 -> Ia32Pmap.VADDR_KERNEL;
            case ARMV7A -> Armv7aPmap.VADDR_USR_MAX;
            case AARCH64 -> Aarch64Pmap.VADDR_USR_MAX;
            case RISCV64 -> RiscvPmap.VADDR_USR_MAX;
            case SPARCV8LEON -> SrmmuPmap.VADDR_USR_MAX;
            default -> 0;
        };
        return new long[] {arch.pageSize(), max};
    }
}
