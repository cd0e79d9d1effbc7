package org.vmscope.model.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.vmscope.model.Arch;
import org.vmscope.model.page.PageFlags;
import org.vmscope.model.phys.RamBank;

/**
 * A simulated target as the syspage describes it to the kernel: RAM banks, reserved ranges, early kernel
 * allocations, resident program images, and where the kernel sits.
 *
 * <p>Frames are described to the page allocator when they lie in a RAM bank or a reserved range (reserved
 * ranges may lie outside RAM, like the PC BIOS ROM). Boot classifies a described frame, first match wins:
 * {@link #bootAllocations()} (their own flags), then {@link #reserved()} (B), then {@link #programs()} (A),
 * else free. This is the union of the per-architecture {@code pmap_getPage} rules (§4.2-4.6) for
 * non-overlapping regions.
 */
public final class Machine {
    private static final long KIB = 1024;
    private static final long MIB = 1024 * KIB;

    private static final int K = PageFlags.OWNER_KERNEL;
    private static final int KC = PageFlags.OWNER_KERNEL | PageFlags.KERNEL_CPU;
    private static final int KY = PageFlags.OWNER_KERNEL | PageFlags.KERNEL_SYSPAGE;
    private static final int KP = PageFlags.OWNER_KERNEL | PageFlags.KERNEL_PTABLE;
    private static final int KS = PageFlags.OWNER_KERNEL | PageFlags.KERNEL_STACK;
    private static final int KH = PageFlags.OWNER_KERNEL | PageFlags.KERNEL_HEAP;
    private static final int B = PageFlags.OWNER_BOOT;

    private final Arch arch;
    private final List<RamBank> banks;
    private final List<MemRegion> reserved;
    private final List<MemRegion> bootAllocations;
    private final List<ProgramImage> programs;
    private final KernelLayout kernel;
    private final NommuLayout nommu;
    private final boolean sv48;
    private final List<SyspageMap> syspageMaps;

    public Machine(Arch arch, List<RamBank> banks, List<MemRegion> reserved, List<MemRegion> bootAllocations,
            List<ProgramImage> programs, KernelLayout kernel, NommuLayout nommu) {
        this(arch, banks, reserved, bootAllocations, programs, kernel, nommu, false);
    }

    /**
     * A NOMMU machine with the loader's syspage maps (ids in list order, one of them holding
     * {@code __bss_start}: the kernel map).
     */
    public Machine(Arch arch, List<RamBank> banks, List<ProgramImage> programs, NommuLayout nommu,
            List<SyspageMap> syspageMaps) {
        this(arch, banks, List.of(), List.of(), programs, null, nommu, false, syspageMaps);
    }

    /**
     * @param sv48 riscv64 only: page the kernel in Sv48 (four levels) instead of the Sv39 the reference documents
     */
    public Machine(Arch arch, List<RamBank> banks, List<MemRegion> reserved, List<MemRegion> bootAllocations,
            List<ProgramImage> programs, KernelLayout kernel, NommuLayout nommu, boolean sv48) {
        this(arch, banks, reserved, bootAllocations, programs, kernel, nommu, sv48, null);
    }

    private Machine(Arch arch, List<RamBank> banks, List<MemRegion> reserved, List<MemRegion> bootAllocations,
            List<ProgramImage> programs, KernelLayout kernel, NommuLayout nommu, boolean sv48,
            List<SyspageMap> maps) {
        this.sv48 = sv48;
        if (sv48 && arch != Arch.RISCV64) {
            throw new IllegalArgumentException("Sv48 is a riscv64 paging mode");
        }
        this.arch = Objects.requireNonNull(arch);
        this.banks = List.copyOf(banks);
        this.reserved = List.copyOf(reserved);
        this.bootAllocations = List.copyOf(bootAllocations);
        this.programs = List.copyOf(programs);
        this.kernel = kernel;
        this.nommu = nommu;
        if (this.banks.isEmpty()) {
            throw new IllegalArgumentException("a machine needs RAM");
        }
        if (arch.hasMmu() && kernel == null) {
            throw new IllegalArgumentException("an MMU machine needs a kernel layout");
        }
        if (!arch.hasMmu() && nommu == null) {
            throw new IllegalArgumentException("a NOMMU machine needs a NOMMU layout");
        }
        this.syspageMaps = arch.hasMmu() ? List.of() : checkedMaps(maps == null ? List.of(kernelMap(nommu)) : maps);
    }

    /** The one syspage map of a machine that names none: the kernel's, its image up to the boot break reserved. */
    private static SyspageMap kernelMap(NommuLayout n) {
        List<SyspageMap.Entry> es = n.heapStart() == n.mapStart() ? List.of()
                : List.of(new SyspageMap.Entry(SyspageMap.EntryType.RESERVED, n.mapStart(), n.heapStart()));
        return new SyspageMap(0, "ram", n.mapStart(), n.mapEnd(), SyspageMap.ATTR_READ | SyspageMap.ATTR_WRITE
                | SyspageMap.ATTR_EXEC | SyspageMap.ATTR_CACHEABLE, es);
    }

    private List<SyspageMap> checkedMaps(List<SyspageMap> maps) {
        List<SyspageMap> ms = List.copyOf(maps);
        int kernelMaps = 0;
        for (int i = 0; i < ms.size(); i++) {
            SyspageMap m = ms.get(i);
            if (m.id() != i) {
                throw new IllegalArgumentException("syspage map " + m.name() + " must have id " + i);
            }
            for (int j = 0; j < i; j++) {
                SyspageMap o = ms.get(j);
                if (Long.compareUnsigned(m.start(), o.end()) < 0 && Long.compareUnsigned(o.start(), m.end()) < 0) {
                    throw new IllegalArgumentException("syspage maps " + o.name() + " and " + m.name() + " overlap");
                }
                if (o.name().equals(m.name())) {
                    throw new IllegalArgumentException("two syspage maps named " + m.name());
                }
            }
            if (m.start() == nommu.mapStart() && m.end() == nommu.mapEnd()) {
                kernelMaps++;
            }
        }
        if (kernelMaps != 1) {
            throw new IllegalArgumentException("exactly one syspage map must be the kernel's "
                    + String.format("[0x%x, 0x%x)", nommu.mapStart(), nommu.mapEnd()));
        }
        return ms;
    }

    /** NOMMU: the loader's memory maps, by id (empty on MMU targets, whose syspage maps the model ignores). */
    public List<SyspageMap> syspageMaps() {
        return syspageMaps;
    }

    /** NOMMU: the syspage map named {@code name}, or null. */
    public SyspageMap syspageMap(String name) {
        for (SyspageMap m : syspageMaps) {
            if (m.name().equals(name)) {
                return m;
            }
        }
        return null;
    }

    /**
     * This NOMMU machine with one more RAM map {@code name} of {@code size} bytes at {@code start} (a RAM bank
     * of its own, read/write/execute, no loader entries), e.g. a second SRAM or a TCM.
     */
    public Machine withSyspageMap(String name, long start, long size) {
        if (arch.hasMmu()) {
            throw new IllegalArgumentException("shared maps exist on NOMMU targets only");
        }
        List<SyspageMap> ms = new ArrayList<>(syspageMaps);
        ms.add(new SyspageMap(ms.size(), name, start, start + size, SyspageMap.ATTR_READ | SyspageMap.ATTR_WRITE
                | SyspageMap.ATTR_EXEC | SyspageMap.ATTR_CACHEABLE, List.of()));
        List<RamBank> bs = new ArrayList<>(banks);
        bs.add(new RamBank(start, size));
        return new Machine(arch, bs, programs, nommu, ms);
    }

    public Arch arch() {
        return arch;
    }

    public List<RamBank> banks() {
        return banks;
    }

    public List<MemRegion> reserved() {
        return reserved;
    }

    public List<MemRegion> bootAllocations() {
        return bootAllocations;
    }

    public List<ProgramImage> programs() {
        return programs;
    }

    /** Whether this riscv64 machine pages in Sv48 (satp.MODE 9) rather than Sv39. */
    public boolean sv48() {
        return sv48;
    }

    /**
     * This riscv64 machine paged in Sv48, as real riscv64-generic-qemu builds boot: the loader needs one more
     * static table (the new top level), taken from the kernel image's data right after the first heap page.
     */
    public Machine withSv48() {
        if (arch != Arch.RISCV64) {
            throw new IllegalArgumentException("Sv48 is a riscv64 paging mode");
        }
        if (sv48) {
            return this;
        }
        List<MemRegion> boot = new ArrayList<>();
        boot.add(new MemRegion("pdir3", kernel.heapPa() + arch.pageSize(), arch.pageSize(), KP));
        boot.addAll(bootAllocations);
        return new Machine(arch, banks, reserved, boot, programs, kernel, nommu, true, null);
    }

    /** The MMU kernel layout, or null on NOMMU. */
    public KernelLayout kernel() {
        return kernel;
    }

    /** The NOMMU layout, or null on MMU targets. */
    public NommuLayout nommu() {
        return nommu;
    }

    /** Total bytes of RAM in the banks. */
    public long ramBytes() {
        long s = 0;
        for (RamBank b : banks) {
            s += b.size();
        }
        return s;
    }

    /**
     * A sensible default machine for {@code arch} with {@code ramBytes} of RAM (MMU targets: a multiple of 1 MiB,
     * at least 4 MiB; Cortex-M: a multiple of 64 KiB). Layouts follow the per-architecture notes of phoenix-vm.md §4:
     * <ul>
     * <li>ia32 (PC, like the docs' {@code mem -p} example): RAM {@code [0, 0xA0000)} and {@code [1 MiB, ram)};
     * frame 0 K (first heap page, break at +0x500), 1 C (GDT/IDT), 2 Y (syspage), 3-4 P (pdir, boot ptable),
     * 5 S (stack); EBDA B from 0x9F000 (32 pages, clipped by the VGA hole); BIOS {@code [0xF0000, 1 MiB)} and
     * ROM shadow {@code [0xFFFC0000, 4 GiB)} reserved B; kernel image 256 KiB at 1 MiB (K), mapped at
     * 0xC0000000+pa; two programs (A) after it. One boot page table covers 4 MiB of kernel VA.</li>
     * <li>armv7a (i.MX6ULL-like): DDR at 0x80000000; image 384 KiB at its base mapped at 0xC0000000, with
     * kpdir/kptab/excptab (6 pages P), the sptab page free, the heap page K; KS at the last page of the first
     * 4 MiB.</li>
     * <li>aarch64 (ZynqMP-like): DDR at 0; image 384 KiB at 0 mapped at 0xFFFFFFFFC0000000 with
     * kernel_ttl2/ttl3/devices_ttl3 (P), stack (S), heap page (K); DTB (last 16 KiB of RAM) B.</li>
     * <li>riscv64 (virt-like): DDR at 0x80000000, the first 2 MiB (SBI) not described; image 384 KiB at
     * 0x80200000 mapped at 0x3FC0000000 with pdir2/pdir1/pdir0 (P), stack (S), heap page (K); DTB (last
     * 16 KiB of RAM) B.</li>
     * <li>sparcv8leon (GR740-like): RAM at 0; image 384 KiB at 0 mapped at 0xC0000000 with the context table
     * and L1-L3 tables (P), heap (H) and stack (S) pages.</li>
     * <li>On these four the two programs (A) sit at the top of RAM (below the DTB). The image is kept under
     * one heap page's worth of page_t slots so free frames are discovered before the heap must grow.</li>
     * <li>armv7m/armv8m: one SRAM map at 0x20000000 whose first 16 KiB hold the kernel's data, {@code .bss}
     * from 0x20004000 and the boot break at 0x20004800; NOMMU boot.</li>
     * </ul>
     */
    public static Machine standard(Arch arch, long ramBytes) {
        if (!arch.hasMmu() && (ramBytes < 64 * KIB || ramBytes % (64 * KIB) != 0)) {
            throw new IllegalArgumentException("SRAM must be a multiple of 64 KiB: " + ramBytes);
        }
        if (arch.hasMmu() && (ramBytes < 4 * MIB || ramBytes % MIB != 0)) {
            throw new IllegalArgumentException("RAM must be a multiple of 1 MiB and at least 4 MiB: " + ramBytes);
        }
        return switch (arch) {
            case IA32 -> ia32(ramBytes);
            case ARMV7A -> armv7a(ramBytes);
            case AARCH64 -> aarch64(ramBytes);
            case RISCV64 -> riscv64(ramBytes);
            case SPARCV8LEON -> sparc(ramBytes);
            case ARMV7M, ARMV8M -> cortexM(arch, ramBytes);
        };
    }

    private static Machine ia32(long ram) {
        long pkernel = 0x100000;
        long ksize = 256 * KIB;
        long vaddrKernel = 0xC0000000L;
        List<MemRegion> boot = List.of(
                new MemRegion("heap0", 0x0000, 0x1000, K),
                new MemRegion("gdt/idt", 0x1000, 0x1000, KC),
                new MemRegion("syspage", 0x2000, 0x1000, KY),
                new MemRegion("pdir", 0x3000, 0x1000, KP),
                new MemRegion("ptable", 0x4000, 0x1000, KP),
                new MemRegion("stack", 0x5000, 0x1000, KS),
                new MemRegion("ebda", 0x9F000, 32 * 0x1000, B),
                new MemRegion("kernel", pkernel, ksize, K));
        List<MemRegion> reserved = List.of(
                new MemRegion("bios", 0xF0000, 0x10000, B),
                new MemRegion("rom", 0xFFFC0000L, 0x40000, B));
        List<ProgramImage> progs = List.of(
                new ProgramImage("dummyfs", pkernel + ksize, 0x12000),
                new ProgramImage("psh", pkernel + ksize + 0x12000, 0x1a000));
        KernelLayout k = new KernelLayout(vaddrKernel, pkernel, vaddrKernel + pkernel, ksize, 192 * KIB,
                0x0, vaddrKernel + pkernel + ksize, 0x500, 4 * MIB, 4 * MIB, vaddrKernel + 4 * MIB, 1, true);
        return new Machine(Arch.IA32, List.of(new RamBank(0, 0xA0000), new RamBank(0x100000, ram - 0x100000)),
                reserved, boot, progs, k, null);
    }

    private static Machine armv7a(long ram) {
        long base = 0x80000000L;
        long ksize = 384 * KIB;
        long vk = 0xC0000000L;
        List<MemRegion> boot = new ArrayList<>();
        boot.add(new MemRegion("kernel-text", base, 0x40000, K));
        boot.add(new MemRegion("kpdir/kptab/excptab", base + 0x40000, 6 * 0x1000, KP));
        boot.add(new MemRegion("sptab", base + 0x46000, 0x1000, PageFlags.FREE));
        boot.add(new MemRegion("kernel-data", base + 0x47000, ksize - 0x47000, K));
        boot.add(new MemRegion("stack", base + 4 * MIB - 0x1000, 0x1000, KS));
        KernelLayout k = new KernelLayout(vk, base, vk, ksize, 0x40000, base + 0x47000, vk + 0x47000, 0, 4 * MIB,
                4 * MIB, vk + 4 * MIB, 1, false);
        return new Machine(Arch.ARMV7A, List.of(new RamBank(base, ram)), List.of(), boot,
                programsBelow(base + ram), k, null);
    }

    private static Machine aarch64(long ram) {
        long vk = 0xFFFFFFFFC0000000L;
        List<MemRegion> boot = List.of(
                new MemRegion("kernel-text", 0, 0x40000, K),
                new MemRegion("kernel_ttl2/ttl3/devices_ttl3", 0x40000, 3 * 0x1000, KP),
                new MemRegion("scratch", 0x43000, 2 * 0x1000, K),
                new MemRegion("stack", 0x45000, 2 * 0x1000, KS),
                new MemRegion("kernel-data", 0x47000, 0x60000 - 0x47000, K),
                new MemRegion("dtb", ram - 16 * KIB, 16 * KIB, B));
        KernelLayout k = new KernelLayout(vk, 0, vk, 0x60000, 0x40000, 0x47000, vk + 0x47000, 0, 2 * MIB,
                2 * MIB, vk + 2 * MIB, 2, false);
        return new Machine(Arch.AARCH64, List.of(new RamBank(0, ram)), List.of(), boot,
                programsBelow(ram - 16 * KIB), k, null);
    }

    private static Machine riscv64(long ram) {
        long dram = 0x80000000L;
        long pk = dram + 2 * MIB;
        long vk = 0x3FC0000000L;
        List<MemRegion> boot = List.of(
                new MemRegion("kernel-text", pk, 0x40000, K),
                new MemRegion("pdir2/pdir1/pdir0", pk + 0x40000, 3 * 0x1000, KP),
                new MemRegion("stack", pk + 0x43000, 2 * 0x1000, KS),
                new MemRegion("kernel-data", pk + 0x45000, 0x60000 - 0x45000, K),
                new MemRegion("dtb", dram + ram - 16 * KIB, 16 * KIB, B));
        KernelLayout k = new KernelLayout(vk, pk, vk, 0x60000, 0x40000, pk + 0x45000, vk + 0x45000, 0, 2 * MIB,
                1024 * MIB, vk + 2 * MIB, 2, false);
        return new Machine(Arch.RISCV64, List.of(new RamBank(pk, ram - 2 * MIB)), List.of(), boot,
                programsBelow(dram + ram - 16 * KIB), k, null);
    }

    private static Machine sparc(long ram) {
        long vk = 0xC0000000L;
        List<MemRegion> boot = List.of(
                new MemRegion("kernel-text", 0, 0x40000, K),
                new MemRegion("ctx/pdir1/pdir2/pdir3", 0x40000, 5 * 0x1000, KP),
                new MemRegion("heap", 0x45000, 0x1000, KH),
                new MemRegion("stack", 0x46000, 2 * 0x1000, KS),
                new MemRegion("kernel-data", 0x48000, 0x60000 - 0x48000, K));
        KernelLayout k = new KernelLayout(vk, 0, vk, 0x60000, 0x40000, 0x45000, vk + 0x45000, 0, 256 * KIB,
                4 * MIB, vk + 16 * MIB, 2, false);
        return new Machine(Arch.SPARCV8LEON, List.of(new RamBank(0, ram)), List.of(), boot, programsBelow(ram), k,
                null);
    }

    private static Machine cortexM(Arch arch, long ram) {
        long base = 0x20000000L;
        NommuLayout n = new NommuLayout(base, base + ram, base + 0x4000, base + 0x4800);
        return new Machine(arch, List.of(new RamBank(base, ram)), List.of(), List.of(), List.of(), null, n);
    }

    /** Two program images ending at {@code end} (the loader puts them high on these targets). */
    private static List<ProgramImage> programsBelow(long end) {
        long pa = end - 0x2c000;
        return List.of(new ProgramImage("dummyfs", pa, 0x12000), new ProgramImage("psh", pa + 0x12000, 0x1a000));
    }

    /** The flags boot gives the described frame at {@code pa}. */
    public int classify(long pa) {
        for (MemRegion r : bootAllocations) {
            if (r.contains(pa)) {
                return r.flags();
            }
        }
        for (MemRegion r : reserved) {
            if (r.contains(pa)) {
                return r.flags();
            }
        }
        for (ProgramImage p : programs) {
            if (p.contains(pa)) {
                return PageFlags.OWNER_APP;
            }
        }
        return PageFlags.FREE;
    }

    /** Whether the frame at {@code pa} is described to the page allocator (in RAM or a reserved range). */
    public boolean isDescribed(long pa) {
        for (RamBank b : banks) {
            if (b.contains(pa, 1)) {
                return true;
            }
        }
        for (MemRegion r : reserved) {
            if (r.contains(pa)) {
                return true;
            }
        }
        return false;
    }
}
