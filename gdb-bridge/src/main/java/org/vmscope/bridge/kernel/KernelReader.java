package org.vmscope.bridge.kernel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

import org.vmscope.bridge.dwarf.TypeLayout;
import org.vmscope.bridge.elf.ElfFormatException;
import org.vmscope.bridge.elf.ElfMachine;
import org.vmscope.bridge.elf.ElfSection;
import org.vmscope.bridge.mirror.Mirror;
import org.vmscope.bridge.mirror.PagingSetup;
import org.vmscope.bridge.mirror.TargetArch;
import org.vmscope.model.map.EntryInfo;
import org.vmscope.model.page.PageFlags;
import org.vmscope.model.page.PageRun;

/**
 * Decodes the VM state of a halted live MMU kernel (phoenix-vm.md §6): the page allocator
 * ({@code pages_info}), the entry pool ({@code map_common}), the kernel map and every process's map
 * (entry rb-trees walked in order) as meminfo's {@link EntryInfo}s. Walks are bounded (hard caps and a
 * visited set); unreadable or corrupt pointers become {@link #problems()} naming the object, and the
 * walk goes on or stops short, never loops. Results describe the current stop only.
 */
public final class KernelReader {
    /** Caps against corrupt counters and cycles. */
    static final long MAX_PAGES = 1L << 24;
    static final int MAX_TREE_NODES = KernelDecoder.MAX_TREE_NODES;
    static final long MAX_AMAP_SLOTS = 1L << 20;
    private static final int PAGE_CHUNK = 4096;
    private static final int SAMPLE_BYTES = 256;

    private final KernelDecoder d;
    private final KernelImage image;
    private final Mirror mirror;
    private final KernelMemory mem;
    private final Map<Long, Long> anonBytes = new HashMap<>();
    private final Map<Long, long[]> oids = new HashMap<>();

    /** @throws KernelException for a kernel this reader cannot decode (NOMMU builds, for now) */
    public KernelReader(KernelImage image, Mirror mirror) throws KernelException {
        this(new KernelDecoder(image, mirror));
    }

    KernelReader(KernelDecoder d) {
        this.d = d;
        this.image = d.image;
        this.mirror = d.mirror;
        this.mem = d.mem;
    }

    public KernelImage image() {
        return image;
    }

    public KernelMemory memory() {
        return mem;
    }

    /** What went wrong so far (corrupt pointers, unreadable objects, failed sanity checks), oldest first. */
    public List<String> problems() {
        return d.problems();
    }

    // ---- image check -------------------------------------------------------------------------------

    /**
     * Refuses an ELF that is not the running kernel: the ELF machine must match the target's paging
     * architecture, and samples of .text and .rodata must equal the target's bytes at the same VAs.
     */
    public void verifyImage() throws KernelException {
        PagingSetup paging = d.paging();
        ElfMachine want = machineOf(paging.arch());
        ElfMachine have = image.elf().header().machine();
        if (want != null && have != want) {
            throw new KernelMismatchException("the kernel ELF " + image.path() + " is for " + have.displayName()
                    + " but the target is " + paging.arch().id() + "; give the ELF of the running kernel");
        }
        inSession(() -> {
            for (String name : List.of(".text", ".rodata")) {
                Optional<ElfSection> s = image.elf().section(name);
                if (s.isEmpty() || s.get().isNoBits() || s.get().size() == 0) {
                    continue;
                }
                long len = Math.min(SAMPLE_BYTES, s.get().size());
                compareSample(name, s.get().addr(), (int) len);
                compareSample(name, s.get().addr() + s.get().size() - len, (int) len);
            }
            return null;
        });
    }

    private void compareSample(String section, long va, int len) throws KernelException {
        byte[] expected;
        try {
            expected = image.elf().readVirtual(va, len).orElse(null);
        } catch (ElfFormatException e) {
            throw new KernelException(image.path() + ": " + section + ": " + e.getMessage(), e);
        }
        if (expected == null) {
            return;
        }
        byte[] actual;
        try {
            actual = mem.read(va, len);
        } catch (KernelReadException e) {
            throw new KernelMismatchException("the kernel ELF " + image.path() + " does not match the target: its "
                    + section + " at 0x" + Long.toHexString(va) + " cannot be read there (" + e.getMessage() + ")");
        }
        if (!Arrays.equals(expected, actual)) {
            throw new KernelMismatchException("the kernel ELF " + image.path() + " does not match the target: "
                    + section + " at 0x" + Long.toHexString(va) + " differs from the running kernel's bytes"
                    + " (another build?)");
        }
    }

    private static ElfMachine machineOf(TargetArch a) {
        return switch (a) {
            case IA32 -> ElfMachine.I386;
            case X86_64 -> ElfMachine.X86_64;
            case ARMV7A -> ElfMachine.ARM;
            case AARCH64 -> ElfMachine.AARCH64;
            case RISCV64 -> ElfMachine.RISCV;
            case SPARC -> ElfMachine.SPARC;
        };
    }

    // ---- page allocator and entry pool --------------------------------------------------------------

    /** {@code pages_info}: counters, and the page runs when {@code withRuns}. */
    public PageAllocatorInfo pages(boolean withRuns) throws KernelException {
        return inSession(() -> readPages(withRuns));
    }

    private PageAllocatorInfo readPages(boolean withRuns) throws KernelException {
        KernelGlobal g = image.global("pages_info", "vm/page.c");
        KStruct s = struct(g.type(), g.address(), "pages_info", "pages_info (vm/page.c)");
        long pageSize = image.pageSize();
        long total = s.u("totalsz");
        long alloc = s.u("allocsz");
        long boot = s.u("bootsz");
        long count = total / pageSize;
        if (Long.compareUnsigned(alloc, total) > 0 || Long.compareUnsigned(boot, alloc) > 0) {
            problem("pages_info: counters inconsistent: allocsz 0x" + Long.toHexString(alloc) + ", bootsz 0x"
                    + Long.toHexString(boot) + ", totalsz 0x" + Long.toHexString(total));
        }
        List<PageRun> runs = new ArrayList<>();
        if (withRuns) {
            if (Long.compareUnsigned(count, MAX_PAGES) > 0) {
                problem("pages_info: totalsz 0x" + Long.toHexString(total) + " means " + Long.toUnsignedString(count)
                        + " pages, over the cap of " + MAX_PAGES + "; page array not read");
            } else {
                readRuns(s.u("pages"), (int) count, pageSize, runs);
            }
        }
        return new PageAllocatorInfo(total, alloc, boot, pageSize, count, runs);
    }

    /** vm_pageinfo: one run per stretch of equal markers at consecutive frame addresses. */
    private void readRuns(long array, int count, long pageSize, List<PageRun> runs) throws KernelException {
        TypeLayout pageT = image.type("page_t");
        if (array == 0 && count > 0) {
            problem("pages_info.pages is NULL with " + count + " pages");
            return;
        }
        long runAddr = 0;
        long runCount = 0;
        char runMarker = 0;
        int runFlags = 0;
        long prevAddr = 0;
        for (int i = 0; i < count; i += PAGE_CHUNK) {
            int n = Math.min(PAGE_CHUNK, count - i);
            long at = array + i * pageT.size();
            byte[] data;
            try {
                data = mem.read(at, n * pageT.size());
            } catch (KernelReadException e) {
                problem("page array pages_info.pages[" + i + ".." + (i + n) + "): cannot read " + e.getMessage());
                break;
            }
            for (int k = 0; k < n; k++) {
                KStruct p = KStruct.element(mem, pageT, at, data, k, "page_t");
                long addr = p.u("addr");
                int flags = (int) p.u("flags");
                char m = PageFlags.marker(flags);
                if (runCount > 0 && m == runMarker && addr == prevAddr + pageSize) {
                    runCount++;
                } else {
                    if (runCount > 0) {
                        runs.add(new PageRun(runAddr, runCount, runMarker, runFlags));
                    }
                    runAddr = addr;
                    runCount = 1;
                    runMarker = m;
                    runFlags = flags;
                }
                prevAddr = addr;
            }
        }
        if (runCount > 0) {
            runs.add(new PageRun(runAddr, runCount, runMarker, runFlags));
        }
    }

    /** {@code map_common}: entry pool counters. */
    public EntryPoolInfo entryPool() throws KernelException {
        return inSession(this::readPool);
    }

    private EntryPoolInfo readPool() throws KernelException {
        KernelGlobal g = image.global("map_common", "vm/map.c");
        KStruct s = struct(g.type(), g.address(), "map_common", "map_common (vm/map.c)");
        long total = s.u("ntotal");
        long free = s.u("nfree");
        if (Long.compareUnsigned(free, total) > 0) {
            problem("map_common: nfree " + Long.toUnsignedString(free) + " > ntotal " + Long.toUnsignedString(total));
        }
        return new EntryPoolInfo(total, free, s.u("entries"));
    }

    // ---- maps ---------------------------------------------------------------------------------------

    /** The kernel map's entries in address order ({@code map_common.kmap}, else {@code &main_common.kmap}). */
    public List<EntryInfo> kernelMap() throws KernelException {
        return inSession(() -> entries(kernelMapAddress(), "kernel map"));
    }

    private long kernelMapAddress() throws KernelException {
        KernelGlobal g = image.global("map_common", "vm/map.c");
        long kmap;
        try {
            kmap = mem.pointer(g.addressOf("kmap"));
        } catch (KernelReadException e) {
            throw new KernelException("map_common.kmap cannot be read: " + e.getMessage(), e);
        }
        if (kmap != 0) {
            return kmap;
        }
        problem("map_common.kmap is NULL; using &main_common.kmap");
        return image.global("main_common", "main.c").addressOf("kmap");
    }

    /** Every process by pid ({@code process_common.id} walked in order). */
    public SortedMap<Integer, ProcessRef> processes() throws KernelException {
        return inSession(this::readProcesses);
    }

    private SortedMap<Integer, ProcessRef> readProcesses() throws KernelException {
        KernelGlobal g = image.global("process_common", "proc/process.c");
        TypeLayout idnode = image.type("idnode_t");
        TypeLayout process = image.type("process_t");
        long linkage = offset(idnode, "linkage");
        long idlinkage = offset(process, "idlinkage");
        long root;
        try {
            root = mem.pointer(g.addressOf("id.root"));
        } catch (KernelReadException e) {
            throw new KernelException("process_common.id cannot be read: " + e.getMessage(), e);
        }
        SortedMap<Integer, ProcessRef> out = new TreeMap<>();
        for (long node : inorder(root, "process tree process_common.id", MAX_TREE_NODES)) {
            long idn = node - linkage;
            long p = idn - idlinkage;
            try {
                int pid = (int) struct(idnode, idn, "idnode_t").s("id");
                long mapp = struct(process, p, "process_t").u("mapp");
                if (out.put(pid, new ProcessRef(pid, p, mapp)) != null) {
                    problem("process tree: pid " + pid + " appears twice (process_t at 0x" + Long.toHexString(p) + ")");
                }
            } catch (KernelReadException e) {
                problem("process_t at 0x" + Long.toHexString(p) + " (id node 0x" + Long.toHexString(node)
                        + "): cannot read " + e.getMessage());
            }
        }
        return out;
    }

    /**
     * The entries of process {@code pid}'s active map in address order; empty when no such process,
     * an empty list when it has no map (as meminfo: mapsz -1 and 0).
     */
    public Optional<List<EntryInfo>> processMap(int pid) throws KernelException {
        return inSession(() -> {
            ProcessRef p = readProcesses().get(pid);
            if (p == null) {
                return Optional.empty();
            }
            return Optional.of(p.mapp() == 0 ? List.<EntryInfo>of() : entries(p.mapp(), "map of pid " + pid));
        });
    }

    /** The entries of the map at {@code mapAddress}, in address order. */
    public List<EntryInfo> mapEntries(long mapAddress, String what) throws KernelException {
        return inSession(() -> entries(mapAddress, what));
    }

    private List<EntryInfo> entries(long mapAddress, String what) throws KernelException {
        TypeLayout vmMap = image.type("vm_map_t");
        TypeLayout entryT = image.type("map_entry_t");
        long linkage = offset(entryT, "linkage");
        long root;
        try {
            if (!aligned(mapAddress)) {
                throw new KernelReadException(mapAddress, "misaligned vm_map_t pointer");
            }
            root = mem.pointer(mapAddress + offset(vmMap, "tree.root"));
        } catch (KernelReadException e) {
            problem(what + ": vm_map_t at 0x" + Long.toHexString(mapAddress) + " cannot be read: " + e.getMessage());
            return List.of();
        }
        List<EntryInfo> out = new ArrayList<>();
        for (long node : inorder(root, what + " entry tree", MAX_TREE_NODES)) {
            long e = node - linkage;
            try {
                KStruct s = struct(entryT, e, "map_entry_t");
                if (s.u("map") != mapAddress) {
                    problem(what + ": map_entry_t at 0x" + Long.toHexString(e) + " belongs to map 0x"
                            + Long.toHexString(s.u("map")) + ", not 0x" + Long.toHexString(mapAddress));
                }
                out.add(entryInfo(s, what));
            } catch (KernelReadException ex) {
                problem(what + ": map_entry_t at 0x" + Long.toHexString(e) + ": cannot read " + ex.getMessage());
            }
        }
        return out;
    }

    /** meminfo's entryinfo_t of one entry (map_entryInfo): anonsz counts the whole amap's slots. */
    private EntryInfo entryInfo(KStruct e, String what) throws KernelException {
        long amap = e.u("amap");
        long anonsz = amap == 0 ? -1 : amapBytes(amap, what, e.address());
        long object = e.u("object");
        long physmem = image.pointerBytes() == 4 ? 0xffffffffL : -1L;
        int kind;
        int port = 0;
        long id = 0;
        if (object == 0) {
            kind = EntryInfo.OBJECT_ANONYMOUS;
        } else if (object == physmem) {
            kind = EntryInfo.OBJECT_MEMORY;
        } else {
            kind = EntryInfo.OBJECT_OID;
            long[] oid = oid(object, what, e.address());
            port = (int) oid[0];
            id = oid[1];
        }
        return new EntryInfo(e.u("vaddr"), e.u("size"), anonsz, (int) e.u("flags"), (int) e.u("prot"),
                (int) e.u("protOrig"), e.u("offs"), kind, port, id);
    }

    private long amapBytes(long amap, String what, long entry) throws KernelException {
        Long known = anonBytes.get(amap);
        if (known != null) {
            return known;
        }
        long bytes = -1;
        TypeLayout amapT = image.type("amap_t");
        try {
            long slots = struct(amapT, amap, "amap_t").u("size");
            if (Long.compareUnsigned(slots, MAX_AMAP_SLOTS) > 0) {
                problem(what + ": amap_t at 0x" + Long.toHexString(amap) + " (entry 0x" + Long.toHexString(entry)
                        + ") claims " + Long.toUnsignedString(slots) + " slots; not counted");
            } else {
                int pb = image.pointerBytes();
                byte[] anons = mem.read(amap + offset(amapT, "anons"), slots * pb);
                long used = 0;
                for (int i = 0; i < slots; i++) {
                    if (mem.decode(anons, i * pb, pb) != 0) {
                        used++;
                    }
                }
                bytes = used * image.pageSize();
            }
        } catch (KernelReadException ex) {
            problem(what + ": amap_t at 0x" + Long.toHexString(amap) + " (entry 0x" + Long.toHexString(entry)
                    + "): cannot read " + ex.getMessage());
        }
        anonBytes.put(amap, bytes);
        return bytes;
    }

    private long[] oid(long object, String what, long entry) throws KernelException {
        long[] known = oids.get(object);
        if (known != null) {
            return known;
        }
        long[] oid = {0, 0};
        try {
            KStruct o = struct(image.type("vm_object_t"), object, "vm_object_t");
            oid = new long[] {o.u("oid.port"), o.u("oid.id")};
        } catch (KernelReadException ex) {
            problem(what + ": vm_object_t at 0x" + Long.toHexString(object) + " (entry 0x" + Long.toHexString(entry)
                    + "): cannot read " + ex.getMessage());
        }
        oids.put(object, oid);
        return oid;
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private boolean aligned(long address) {
        return d.aligned(address);
    }

    private KStruct struct(TypeLayout type, long address, String what) throws KernelReadException {
        return d.struct(type, address, what);
    }

    private KStruct struct(TypeLayout type, long address, String what, String owner) throws KernelException {
        return d.struct(type, address, what, owner);
    }

    private static long offset(TypeLayout t, String member) throws KernelException {
        return KernelDecoder.offset(t, member);
    }

    private List<Long> inorder(long root, String what, int cap) throws KernelException {
        return d.inorder(root, what, cap);
    }

    private void problem(String text) {
        d.problem(text);
    }

    private <T> T inSession(KernelDecoder.Body<T> body) throws KernelException {
        return d.inSession(body);
    }
}
