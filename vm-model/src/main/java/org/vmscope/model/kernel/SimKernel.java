package org.vmscope.model.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

import org.vmscope.model.Arch;
import org.vmscope.model.kmalloc.Kmalloc;
import org.vmscope.model.map.EntryPool;
import org.vmscope.model.map.Mman;
import org.vmscope.model.map.VmContext;
import org.vmscope.model.map.VmMap;
import org.vmscope.model.object.VmObject;
import org.vmscope.model.page.Page;
import org.vmscope.model.page.BootPageMap;
import org.vmscope.model.page.NommuPageAllocator;
import org.vmscope.model.page.PageAllocator;
import org.vmscope.model.page.PageFlags;
import org.vmscope.model.phys.RamBank;
import org.vmscope.model.phys.SimPhysicalMemory;
import org.vmscope.model.pmap.NommuPmap;
import org.vmscope.model.pmap.PageAttr;
import org.vmscope.model.pmap.Pmap;
import org.vmscope.model.pmap.mpu.MpuFlavor;
import org.vmscope.model.pmap.mpu.MpuTable;
import org.vmscope.model.zone.ZoneAllocator;

/**
 * The simulated Phoenix-RTOS kernel's VM state after {@code _vm_init} (phoenix-vm.md §1.2): physical memory,
 * the page allocator (or the NOMMU token allocator), the boot break {@code vm.bss}/{@code vm.top}, the kernel
 * VA ceiling, the map-entry pool, the kernel map and kmalloc. Not thread-safe: the kernel's locks are not
 * modelled, callers serialize.
 */
public final class SimKernel {
    private static final long MIB8 = 1L << 23;

    private final Machine machine;
    private final SimPhysicalMemory phys;
    private final PageAllocator pages;
    private final NommuPageAllocator tokens;
    private final EntryPool entryPool;
    private List<String> bootLog;
    private final long bss;
    private final long top;
    private final long kernelSpaceEnd;
    private final VmObject kernelObject;
    private final VmContext context;
    private final VmMap kmap;
    private ZoneAllocator zones;
    private Kmalloc kmalloc;
    private List<VmMap> sharedMaps = List.of();
    private MpuTable mpu;

    private SimKernel(Machine machine, SimPhysicalMemory phys, PageAllocator pages, NommuPageAllocator tokens,
            EntryPool entryPool, List<String> bootLog, long bss, long top, long kernelSpaceEnd, Pmap kpmap,
            long kmapStart) {
        this.machine = machine;
        this.phys = phys;
        this.pages = pages;
        this.tokens = tokens;
        this.entryPool = entryPool;
        this.bootLog = List.copyOf(bootLog);
        this.bss = bss;
        this.top = top;
        this.kernelSpaceEnd = kernelSpaceEnd;
        this.kernelObject = VmObject.kernel();
        this.context = VmContext.of(machine.arch(), entryPool, pages, phys, kernelObject);
        this.kmap = new VmMap(context, kmapStart, kernelSpaceEnd, kpmap);
    }

    /**
     * Boots {@code machine}: {@code _pmap_init}, {@code _page_init} (discovery with heap growth,
     * {@code _page_initSizes}, kernel table preallocation, NULL page entry), {@code _map_init} (entry pool and
     * kernel segment entries) and, on MMU targets, {@code _kmalloc_init} (the first header zone). The kernel
     * pmap is the architecture's real one ({@code org.vmscope.model.pmap}), writing hardware tables into
     * {@link #phys()}; a machine that does not name the loader's tables gets a {@link SoftPmap}. On NOMMU the
     * kernel map spans the syspage map holding the kernel.
     *
     * @throws BootException when the machine has too little free memory for the kernel's own structures
     */
    public static SimKernel boot(Machine machine) throws BootException {
        return boot(machine, null);
    }

    /**
     * {@link #boot(Machine)} with the kernel pmap built by {@code kernelPmap} from what boot mapped (MMU only),
     * e.g. a hardware-format pmap writing real tables into {@link #phys()}. A null factory, or one returning
     * null, gives the default of {@link #boot(Machine)}.
     */
    public static SimKernel boot(Machine machine, KernelPmapFactory kernelPmap) throws BootException {
        SimPhysicalMemory phys = new SimPhysicalMemory(machine.banks());
        return machine.arch().hasMmu() ? new MmuBoot(machine, phys, kernelPmap).run() : nommuBoot(machine, phys);
    }

    private static SimKernel nommuBoot(Machine m, SimPhysicalMemory phys) throws BootException {
        NommuLayout n = m.nommu();
        Arch arch = m.arch();
        NommuPageAllocator tokens;
        try {
            tokens = new NommuPageAllocator(arch, n.bssStart(), n.heapStart(), n.mapEnd());
        } catch (IllegalArgumentException e) {
            throw new BootException(e.getMessage());
        }
        List<String> log = new ArrayList<>();
        log.add(String.format("vm: Initializing page allocator %d/%d KB, page_t=%d",
                (tokens.allocBytes() - tokens.bootBytes()) / 1024, (tokens.freeBytes() + tokens.allocBytes()) / 1024,
                tokens.pageStructSize()));
        long bss = tokens.bssAfter();
        long top = bss; // max(top, bss) on NOMMU; the heap is not page-granular there
        int esz = EntryPool.entryStructSize(arch);
        long ntotal = tokens.freeBytes() / (3L * arch.pageSize() + esz);
        EntryPool pool = new EntryPool((int) Math.min(ntotal, Integer.MAX_VALUE), esz);
        long poolsz = ntotal * esz;
        bss += poolsz;
        top = Math.max(top, bss);
        log.add(String.format("vm: Initializing memory mapper: (%d*%d) %d", pool.free(), esz, poolsz));
        // _map_mapsInit: the maps[] pointer array, then a vm_map_t for every map but the kernel's, from the heap
        List<SyspageMap> sm = m.syspageMaps();
        bss += (long) arch.pointerBytes() * sm.size() + (long) VM_MAP_BYTES * (sm.size() - 1);
        top = Math.max(top, bss);
        SimKernel k = new SimKernel(m, phys, null, tokens, pool, log, bss, top, n.mapEnd(), new NommuPmap(0),
                n.mapStart());
        k.buildSharedMaps();
        k.mpu = mpuTable(m);
        // pmap_segment(0): [_end, top), the kernel heap, R|X like every entry _map_init adds
        k.kmap.addReserved(n.heapStart(), top - n.heapStart(), Mman.PROT_READ | Mman.PROT_EXEC);
        return k;
    }

    /**
     * {@code sizeof(vm_map_t)} on the 32-bit NOMMU targets: pmap (start, end, regions), start/stop, the rb-tree
     * header and a {@code lock_t}, taken as 64 bytes <em>(inference: lock_t's size is not in the reference)</em>.
     */
    static final int VM_MAP_BYTES = 64;

    /**
     * The rest of {@code _map_mapsInit}: the kernel map is widened to the syspage map holding the kernel and
     * serves as its shared map; every other syspage map gets a {@code vm_map_t} of its own. Each loader entry
     * but the temporary ones becomes a reserved R|X kernel-object entry owned by nobody.
     */
    private void buildSharedMaps() {
        List<VmMap> out = new ArrayList<>();
        NommuLayout n = machine.nommu();
        for (SyspageMap sm : machine.syspageMaps()) {
            VmMap v = sm.start() == n.mapStart() && sm.end() == n.mapEnd() ? kmap
                    : new VmMap(context, sm.start(), sm.end(), new NommuPmap(0));
            for (SyspageMap.Entry e : sm.entries()) {
                if (e.type() != SyspageMap.EntryType.TEMP) {
                    v.addReserved(e.start(), e.end() - e.start(), Mman.PROT_READ | Mman.PROT_EXEC);
                }
            }
            out.add(v);
        }
        sharedMaps = List.copyOf(out);
    }

    /**
     * The loader's MPU table on armv7m/armv8m: each syspage map covered by its own regions ({@link MpuTable#cover})
     * <em>(inference: real loaders build it from the board's map list the same way; the reference gives the
     * table's shape, not the loader's algorithm)</em>.
     */
    private static MpuTable mpuTable(Machine m) throws BootException {
        MpuFlavor f = switch (m.arch()) {
            case ARMV7M -> MpuFlavor.ARMV7M;
            case ARMV8M -> MpuFlavor.ARMV8M;
            default -> null;
        };
        if (f == null) {
            return null;
        }
        List<long[]> maps = new ArrayList<>();
        for (SyspageMap sm : m.syspageMaps()) {
            maps.add(new long[] {sm.start(), sm.end(), (sm.attr() & SyspageMap.ATTR_EXEC) != 0 ? 1 : 0});
        }
        try {
            return MpuTable.cover(f, maps, MPU_REGIONS);
        } catch (IllegalArgumentException e) {
            throw new BootException("loader: " + e.getMessage());
        }
    }

    /** {@code hs.mpu.table[16]}: the most regions a syspage MPU table holds. */
    static final int MPU_REGIONS = 16;

    /** The loader's MPU table (armv7m/armv8m), or null. */
    public MpuTable mpu() {
        return mpu;
    }

    /**
     * {@code kernelCodeRegion}: the regions of the syspage map holding the kernel, which {@code pmap_create}
     * enables for every process (the FIXME that lets user mode run the syscall-return path); 0 without an MPU.
     */
    public int kernelCodeRegions() {
        return mpu == null ? 0 : mpu.maskOf(sharedMapId(kmap));
    }

    /** NOMMU {@code map_common.maps}, by syspage map id (the kernel map among them); empty on MMU targets. */
    public List<VmMap> sharedMaps() {
        return sharedMaps;
    }

    /** NOMMU {@code vm_getSharedMap(id)}: the shared map of a syspage map id, or null. */
    public VmMap sharedMap(int id) {
        return id >= 0 && id < sharedMaps.size() ? sharedMaps.get(id) : null;
    }

    /** The syspage map id of a shared map, or -1 (an MMU map, a process's private map). */
    public int sharedMapId(VmMap m) {
        return sharedMaps.indexOf(m);
    }

    /** The MMU boot sequence, step by step, with its working state. */
    private static final class MmuBoot {
        private final Machine m;
        private final SimPhysicalMemory phys;
        private final KernelLayout k;
        private final long pageSize;
        private final KernelTables tables;
        private final List<String> log = new ArrayList<>();
        private final List<long[]> heap = new ArrayList<>();
        private final List<BootMappings.Table> tableLog = new ArrayList<>();
        private final KernelPmapFactory pmapFactory;
        private PageAllocator pages;
        private long bss;
        private long top;

        MmuBoot(Machine m, SimPhysicalMemory phys, KernelPmapFactory pmapFactory) {
            this.pmapFactory = pmapFactory;
            this.m = m;
            this.phys = phys;
            this.k = m.kernel();
            this.pageSize = m.arch().pageSize();
            this.tables = new KernelTables(k);
        }

        SimKernel run() throws BootException {
            // _pmap_init: one heap page is mapped; the break starts inside it.
            bss = k.heapVa() + k.heapOffset();
            top = k.heapVa() + pageSize;
            pageInit();
            long end = kernelSpaceExpand();
            log.add(String.format("vm: Initializing page allocator (%d+%d)/%dKB, page_t=%d",
                    (pages.allocBytes() - pages.bootBytes()) / 1024, pages.bootBytes() / 1024,
                    pages.totalBytes() / 1024, pages.pageStructSize()));
            log.addAll(BootPageMap.lines(pages));
            // The NULL page entry needs the user-half tables of VA 0 (on ia32 it even maps frame 0 present).
            for (int i = 0; i < k.nullPageTables(); i++) {
                long f = allocPage(PageFlags.OWNER_KERNEL | PageFlags.KERNEL_PTABLE, "NULL page table");
                tableLog.add(new BootMappings.Table(0, f, "null-page"));
            }
            EntryPool pool = mapInit();
            SimKernel kernel = new SimKernel(m, phys, pages, null, pool, log, bss, top, end, kernelPmap(end),
                    k.vaddrKernel());
            kernel.addSegments();
            // _zone_init only stores pointers; _kmalloc_init creates the first header zone
            kernel.zones = new ZoneAllocator(kernel.kmap, kernel.kernelObject);
            kernel.kmalloc = Kmalloc.init(kernel.zones, pageSize, m.arch().pointerBytes());
            if (kernel.kmalloc == null) {
                throw new BootException("vm: cannot create the first kmalloc zone");
            }
            List<String> all = new ArrayList<>(kernel.bootLog);
            all.add(kernel.kmalloc.bootLine());
            all.add("vm: Initializing memory objects");
            kernel.bootLog = List.copyOf(all);
            return kernel;
        }

        /** {@code _page_init} discovery: one page_t per described frame, heap grown as the array needs. */
        private void pageInit() throws BootException {
            List<long[]> ranges = describedRanges();
            long frames = 0;
            for (long[] r : ranges) {
                frames += (r[1] - r[0]) / pageSize;
            }
            if (frames > Integer.MAX_VALUE - 16) {
                throw new BootException("too many frames");
            }
            pages = PageAllocator.forArch(m.arch(), (int) frames);
            int size = pages.pageStructSize();
            long slot = bss;
            boolean wrapped = false;
            for (long[] r : ranges) {
                for (long pa = r[0]; Long.compareUnsigned(pa, r[1]) < 0; pa += pageSize) {
                    if (slot + size - top >= 0) {
                        sbrk();
                    }
                    pages.discover(pa, m.classify(pa));
                    slot += size;
                    if (m.arch().pointerBytes() == 4 && pa + pageSize == 1L << 32) {
                        wrapped = true; // addr wraps below SIZE_PAGE: the loop ends without another probe
                    }
                }
            }
            if (!wrapped && slot + size - top >= 0) {
                sbrk(); // the check precedes the probe that returns -ENOMEM
            }
            bss = slot;
            pages.initSizes();
        }

        /** RAM banks and reserved ranges, page-rounded, sorted and merged, clipped to the address width. */
        private List<long[]> describedRanges() {
            List<long[]> rs = new ArrayList<>();
            long limit = m.arch().pointerBytes() == 4 ? 1L << 32 : Long.MAX_VALUE;
            for (RamBank b : m.banks()) {
                rs.add(new long[] {b.base(), b.end()});
            }
            for (MemRegion r : m.reserved()) {
                rs.add(new long[] {r.start(), r.end()});
            }
            for (long[] r : rs) {
                r[0] = (r[0] + pageSize - 1) & ~(pageSize - 1);
                r[1] = Math.min(r[1], limit) & ~(pageSize - 1);
            }
            rs.removeIf(r -> r[1] <= r[0]);
            rs.sort((a, b) -> Long.compare(a[0], b[0]));
            List<long[]> out = new ArrayList<>();
            for (long[] r : rs) {
                if (!out.isEmpty() && r[0] <= out.get(out.size() - 1)[1]) {
                    long[] last = out.get(out.size() - 1);
                    last[1] = Math.max(last[1], r[1]);
                } else {
                    out.add(r);
                }
            }
            return out;
        }

        /** {@code _page_sbrk}: a KERNEL|HEAP page mapped at {@code top}, tables allocated as needed. */
        private void sbrk() throws BootException {
            long pa = allocPage(PageFlags.OWNER_KERNEL | PageFlags.KERNEL_HEAP, "kernel heap extension");
            ensureTables(top);
            heap.add(new long[] {top, pa});
            top += pageSize;
        }

        /** The kernel pages boot mapped: image (and ia32 low memory), first heap page, sbrk pages. */
        private BootMappings bootMappings() {
            List<BootMappings.Mapping> maps = new ArrayList<>();
            int rw = PageAttr.PRESENT | PageAttr.READ | PageAttr.WRITE;
            int rx = PageAttr.PRESENT | PageAttr.READ | PageAttr.EXEC;
            long low = k.lowSegment() ? k.vaddrKernel() : k.kernelVa();
            long lowPa = k.lowSegment() ? 0 : k.kernelPa();
            for (long va = low; Long.compareUnsigned(va, k.kernelVa() + k.kernelSize()) < 0; va += pageSize) {
                boolean text = Long.compareUnsigned(va, k.kernelVa()) >= 0
                        && Long.compareUnsigned(va, k.etextVa()) < 0;
                maps.add(new BootMappings.Mapping(va, lowPa + (va - low), text ? rx : rw));
            }
            maps.add(new BootMappings.Mapping(k.heapVa(), k.heapPa(), rw));
            for (long[] h : heap) {
                maps.add(new BootMappings.Mapping(h[0], h[1], rw));
            }
            return new BootMappings(List.copyOf(maps), List.copyOf(tableLog));
        }

        /**
         * The kernel pmap after boot: from the factory if it gives one, else the architecture's hardware pmap
         * ({@link HardwarePmaps}), else a {@link SoftPmap} with the boot and preallocated tables and every page
         * of {@link #bootMappings()} entered.
         */
        private Pmap kernelPmap(long end) {
            BootMappings bm = bootMappings();
            Pmap custom = pmapFactory == null ? null : pmapFactory.create(phys, bm);
            if (custom != null) {
                return custom;
            }
            Pmap hw = HardwarePmaps.kernel(m, phys, bm, end);
            if (hw != null) {
                return hw;
            }
            SoftPmap p = tables.toSoftPmap(pageSize);
            p.presetTables(0, pageSize); // the NULL page entry's tables (allocated in run())
            for (BootMappings.Mapping mp : bm.mappings()) {
                p.enter(mp.pa(), mp.va(), mp.attr(), -1);
            }
            return p;
        }

        private void ensureTables(long va) throws BootException {
            if (!tables.hasExpand(va)) {
                long f = allocPage(PageFlags.OWNER_KERNEL | PageFlags.KERNEL_PTABLE, "page table");
                tables.addExpand(va);
                tableLog.add(new BootMappings.Table(va, f, "sbrk"));
            }
            if (!tables.hasLeaf(va)) {
                long f = allocPage(PageFlags.OWNER_KERNEL | PageFlags.KERNEL_PTABLE, "page table");
                tables.addLeaf(va);
                tableLog.add(new BootMappings.Table(va, f, "sbrk"));
            }
        }

        /**
         * {@code _pmap_kernelSpaceExpand} loop: one PTABLE page per missing table in
         * {@code [top, top + max(totalsz/4, 8 MiB))}, stepping by the expand span. The end becomes
         * {@code kpmap.end}, the ceiling of the kernel map.
         */
        private long kernelSpaceExpand() throws BootException {
            long end = top + Math.max(pages.totalBytes() / 4, MIB8);
            long span = k.expandSpan();
            for (long va = top - Long.remainderUnsigned(top, span); Long.compareUnsigned(va, end) < 0; va += span) {
                if (!tables.hasExpand(va)) {
                    long f = allocPage(PageFlags.OWNER_KERNEL | PageFlags.KERNEL_PTABLE, "kernel space expansion");
                    tables.addExpand(va);
                    tableLog.add(new BootMappings.Table(va, f, "expand"));
                }
                if (va + span == 0) {
                    break;
                }
            }
            return end;
        }

        /** {@code _map_init} pool sizing: {@code free / (3*SIZE_PAGE + sizeof(map_entry_t))} entries. */
        private EntryPool mapInit() throws BootException {
            int esz = EntryPool.entryStructSize(m.arch());
            long ntotal = pages.freeBytes() / (3 * pageSize + esz);
            while (top - bss < esz * ntotal) {
                sbrk();
            }
            long poolsz = Math.min(top - bss, esz * ntotal);
            bss += poolsz;
            EntryPool pool = new EntryPool((int) Math.min(ntotal, Integer.MAX_VALUE), esz);
            log.add(String.format("vm: Initializing memory mapper: (%d*%d) %d", pool.free(), esz, poolsz));
            return pool;
        }

        private long allocPage(int flags, String what) throws BootException {
            int i = pages.allocIndex(pageSize, flags);
            if (i < 0) {
                throw new BootException("vm: out of memory for " + what);
            }
            return pages.pageAt(i).addr();
        }
    }

    /**
     * {@code _map_init}'s kernel entries from {@code pmap_segment}: on ia32 the low memory
     * {@code [VADDR_KERNEL, image)} RW, the text RX and {@code [_etext, top)} RW; elsewhere the text RX and
     * {@code [_etext, top)} RW.
     */
    private void addSegments() {
        KernelLayout k = machine.kernel();
        int rw = Mman.PROT_READ | Mman.PROT_WRITE;
        int rx = Mman.PROT_READ | Mman.PROT_EXEC;
        if (k.lowSegment()) {
            kmap.addReserved(k.vaddrKernel(), k.kernelVa() - k.vaddrKernel(), rw);
            kmap.addReserved(k.kernelVa(), k.textSize(), rx);
        } else {
            kmap.addReserved(k.vaddrKernel(), k.etextVa() - k.vaddrKernel(), rx);
        }
        kmap.addReserved(k.etextVa(), top - k.etextVa(), rw);
    }

    /** {@code SIZE_PDIR}: 8 KiB on armv7a (the user half of the L1 table), else one page. */
    public long pdirSize() {
        return machine.arch() == Arch.ARMV7A ? 0x2000 : machine.arch().pageSize();
    }

    /**
     * {@code vm_mapCreate} on MMU targets: allocates the {@code SIZE_PDIR} top-level table as
     * {@code KERNEL|PTABLE}, maps it into the kernel map, and builds the map around the pmap that
     * {@code pmapForRoot} makes for that table's physical address.
     *
     * @return the map, or null (ENOMEM) when the table or its kernel window cannot be had
     */
    public VmMap createMap(long start, long stop, LongFunction<Pmap> pmapForRoot) {
        if (pages == null) {
            return new VmMap(context, start, stop, pmapForRoot.apply(0));
        }
        Page pdir = pages.alloc(pdirSize(), PageFlags.OWNER_KERNEL | PageFlags.KERNEL_PTABLE);
        if (pdir == null) {
            return null;
        }
        long v = kmap.mmap(0, pdir, pdir.blockBytes(), Mman.PROT_READ | Mman.PROT_WRITE, kernelObject, -1,
                Mman.MAP_NONE);
        if (v == 0) {
            pages.free(pdir);
            return null;
        }
        VmMap m = new VmMap(context, start, stop, pmapForRoot.apply(pdir.addr()));
        m.setPdir(kmap, pdir, v);
        return m;
    }

    /**
     * {@code vm_mapCreate(map, VADDR_MIN + SIZE_PAGE, VADDR_USR_MAX)} for a user process (MMU only): the top-level
     * table comes from the page allocator and the pmap is the architecture's ({@code pmap_create}, sharing the
     * kernel part where the architecture does).
     *
     * @return the map, or null (ENOMEM, or a NOMMU target, which has no private maps)
     */
    public VmMap createUserMap() {
        if (pages == null) {
            return null;
        }
        long[] r = HardwarePmaps.userRange(arch());
        Pmap kp = kmap.pmap();
        return createMap(r[0], r[1], root -> HardwarePmaps.user(phys, kp, root));
    }

    /** The user address range {@code [start, stop)} of {@link #createUserMap()} (MMU targets). */
    public long[] userRange() {
        return HardwarePmaps.userRange(arch());
    }

    /** The zone allocator over the kernel map (null on NOMMU, which the model does not give kmalloc). */
    public ZoneAllocator zones() {
        return zones;
    }

    /** {@code vm_kmalloc} state (null on NOMMU). */
    public Kmalloc kmalloc() {
        return kmalloc;
    }

    /** The kernel map {@code main_common.kmap}. */
    public VmMap kmap() {
        return kmap;
    }

    /** The kernel object (oid 0.0). */
    public VmObject kernelObject() {
        return kernelObject;
    }

    /** What every map of this kernel shares. */
    public VmContext context() {
        return context;
    }

    public Machine machine() {
        return machine;
    }

    public Arch arch() {
        return machine.arch();
    }

    public SimPhysicalMemory phys() {
        return phys;
    }

    /** The MMU page allocator, or null on NOMMU. */
    public PageAllocator pages() {
        return pages;
    }

    /** The NOMMU token allocator, or null on MMU targets. */
    public NommuPageAllocator tokens() {
        return tokens;
    }

    public EntryPool entryPool() {
        return entryPool;
    }

    /** Console lines {@code _vm_init} printed so far. */
    public List<String> bootLog() {
        return bootLog;
    }

    /** {@code vm.bss}: the boot break (first free byte of the kernel heap). */
    public long bss() {
        return bss;
    }

    /** {@code vm.top}: the end of the mapped boot heap. */
    public long top() {
        return top;
    }

    /** {@code kpmap.end}: the kernel map's ceiling after {@code _pmap_kernelSpaceExpand}. */
    public long kernelSpaceEnd() {
        return kernelSpaceEnd;
    }

    /** meminfo {@code page.alloc}. */
    public long allocBytes() {
        return pages != null ? pages.allocBytes() : tokens.allocBytes();
    }

    /** meminfo {@code page.free}. */
    public long freeBytes() {
        return pages != null ? pages.freeBytes() : tokens.freeBytes();
    }

    /** meminfo {@code page.boot}. */
    public long bootBytes() {
        return pages != null ? pages.bootBytes() : tokens.bootBytes();
    }
}
