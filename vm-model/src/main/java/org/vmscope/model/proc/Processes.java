package org.vmscope.model.proc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.vmscope.model.kernel.ProgramImage;
import org.vmscope.model.kernel.SimKernel;
import org.vmscope.model.kernel.SoftPmap;
import org.vmscope.model.kmalloc.Kmalloc;
import org.vmscope.model.map.EntryInfo;
import org.vmscope.model.map.EntryOwner;
import org.vmscope.model.map.Errno;
import org.vmscope.model.map.MapEntry;
import org.vmscope.model.map.Mman;
import org.vmscope.model.map.VmMap;
import org.vmscope.model.object.VmObject;
import org.vmscope.model.page.Page;
import org.vmscope.model.page.PageFlags;
import org.vmscope.model.phys.MemoryAccessException;
import org.vmscope.model.pmap.PageAttr;
import org.vmscope.model.pmap.PageTableWalker;
import org.vmscope.model.pmap.PagingRoot;
import org.vmscope.model.pmap.Pmap;
import org.vmscope.model.pmap.SrmmuPmap;
import org.vmscope.model.pmap.TablePmap;
import org.vmscope.model.pmap.Translation;
import org.vmscope.model.pmap.NommuPmap;
import org.vmscope.model.pmap.mpu.MpuChecker;
import org.vmscope.model.pmap.mpu.MpuRegion;

/**
 * The process subsystem of the simulated kernel ({@code process_common}, proc/process.c, proc/msg.c) as far as
 * the VM is concerned: spawn, fork, vfork, exec, exit, the memory system calls, user and kernel accesses
 * (fault resolution), kmalloc, and message windows. Every operation returns a {@link SysResult}; where the
 * real kernel would panic or hang the simulator records a {@link KernelPanic} and refuses further operations
 * ({@link Errno#EBUSY}).
 *
 * <p>Kernel memory per process (inference, sizes estimated): {@code process_t} and the main {@code thread_t}
 * are kmalloc'ed (256/512 B classes on 32/64-bit targets) and the thread's kernel stack is a kmalloc of two
 * pages. NOMMU targets have no kmalloc in this model, so nothing is charged there.
 */
public final class Processes {
    private final SimKernel k;
    private final ObjectTree objects;
    private final FailureInjector failures;
    private final ProgramLoader loader;
    private final long pageSize;
    private final TreeMap<Integer, Process> procs = new TreeMap<>();
    private final Map<Integer, MessageWindow> windows = new LinkedHashMap<>();
    private int idcounter = 1;
    private int windowIds;
    private KernelPanic panic;
    private int activeRegions;

    public Processes(SimKernel k) {
        this.k = k;
        this.pageSize = k.arch().pageSize();
        this.objects = new ObjectTree(pageSize);
        this.failures = new FailureInjector(k);
        this.loader = new ProgramLoader(objects, k.arch());
        switchTo(null); // boot runs on the kernel pmap
    }

    public SimKernel kernel() {
        return k;
    }

    public ObjectTree objects() {
        return objects;
    }

    public FailureInjector failures() {
        return failures;
    }

    /** The panic that stopped the kernel, or null. */
    public KernelPanic panic() {
        return panic;
    }

    /** The live process with {@code pid}, or null. */
    public Process get(int pid) {
        return procs.get(pid);
    }

    /** Live processes by pid. */
    public Collection<Process> all() {
        return Collections.unmodifiableCollection(procs.values());
    }

    /** Message windows not yet completed, by id. */
    public Collection<MessageWindow> windows() {
        return Collections.unmodifiableCollection(windows.values());
    }

    public MessageWindow window(int id) {
        return windows.get(id);
    }

    /** Where this target's program text starts. */
    public long textBase() {
        return loader.textBase();
    }

    // ------------------------------------------------------------------ kernel structures

    private int structBytes() {
        return k.arch().pointerBytes() == 4 ? 232 : 464;
    }

    private long kmallocOrZero(long size) {
        Kmalloc km = k.kmalloc();
        return km == null ? 1 : km.kmalloc(size); // NOMMU: not charged, any non-zero marks success
    }

    private void kernelFree(long p) {
        if (k.kmalloc() != null && p != 0) {
            k.kmalloc().kfree(p);
        }
    }

    /** Allocates {@code process_t}; 0 on ENOMEM. */
    private boolean allocStruct(Process p) {
        p.kstruct = kmallocOrZero(structBytes());
        return p.kstruct != 0;
    }

    /** The main thread: {@code thread_t} and its kernel stack; false (nothing kept) on ENOMEM. */
    private boolean allocThread(Process p) {
        p.kthread = kmallocOrZero(structBytes());
        if (p.kthread == 0) {
            return false;
        }
        p.kstack = kmallocOrZero(2 * pageSize);
        if (p.kstack == 0) {
            kernelFree(p.kthread);
            p.kthread = 0;
            return false;
        }
        return true;
    }

    private void freeKernelParts(Process p) {
        if (k.kmalloc() != null) {
            kernelFree(p.kstack);
            kernelFree(p.kthread);
            kernelFree(p.kstruct);
        }
        p.kstack = 0;
        p.kthread = 0;
        p.kstruct = 0;
    }

    private int nextPid() {
        int guard = 0;
        while (procs.containsKey(idcounter) && guard++ < 1 << 20) {
            idcounter = idcounter == Integer.MAX_VALUE ? 1 : idcounter + 1;
        }
        return idcounter++;
    }

    /** {@code pmap_switch}: SRMMU pmaps get their context when first switched to. */
    private static void activate(VmMap m) {
        if (m != null && m.pmap() instanceof SrmmuPmap s) {
            s.switchTo();
        }
    }

    private SysResult refused() {
        return SysResult.error(Errno.EBUSY);
    }

    // ------------------------------------------------------------------ life cycle

    /**
     * Starts a process from {@code img} (MMU: a private map, segments mapped eagerly; NOMMU: ranges reserved in
     * the shared map). {@code parent} may be null (started by the kernel).
     *
     * @return the pid, or ENOMEM with every allocation undone
     */
    public SysResult spawn(String name, ProgramImage img, Process parent) {
        return spawn(name, img, parent, null);
    }

    /**
     * {@link #spawn(String, ProgramImage, Process)} into the NOMMU shared map {@code map} ({@code spawn->map},
     * the program's data map in the syspage); null means the kernel map. Ignored on MMU targets.
     */
    public SysResult spawn(String name, ProgramImage img, Process parent, VmMap map) {
        if (panic != null) {
            return refused();
        }
        Process p = new Process(nextPidPeek(), name, parent, img);
        if (!allocStruct(p)) {
            return SysResult.error(Errno.ENOMEM);
        }
        int err = load(p, img, map == null ? k.kmap() : map);
        if (err != Errno.EOK) {
            freeKernelParts(p);
            return SysResult.error(err);
        }
        if (!allocThread(p)) {
            unload(p);
            freeKernelParts(p);
            return SysResult.error(Errno.ENOMEM);
        }
        return admit(p);
    }

    private int nextPidPeek() {
        int pid = nextPid();
        idcounter = pid; // taken for real by admit()
        return pid;
    }

    private SysResult admit(Process p) {
        idcounter = p.pid() + 1;
        procs.put(p.pid(), p);
        activate(p.mapp);
        return SysResult.ok(p.pid());
    }

    /**
     * Loads {@code img} into a fresh address space of {@code p} (sets map/mapp; on NOMMU into {@code shared}, as
     * {@code p}); on failure nothing is kept.
     */
    private int load(Process p, ProgramImage img, VmMap shared) {
        if (k.pages() == null) {
            p.mapp = shared;
            p.map = null;
            // pmap_create starts from kernelCodeRegion; process_exec then runs pmap_addMap for its map
            p.pmapp = new NommuPmap(k.kernelCodeRegions());
            if (k.mpu() != null) {
                p.pmapp.addRegions(k.mpu().maskOf(k.sharedMapId(shared)));
            }
            int err = asCurrent(p, () -> loader.loadNommu(shared, img));
            if (err != Errno.EOK) {
                unload(p);
            }
            return err;
        }
        VmMap m = k.createUserMap();
        if (m == null) {
            return Errno.ENOMEM;
        }
        int err = loader.loadMmu(m, img);
        if (err != Errno.EOK) {
            m.destroy();
            return err;
        }
        p.map = m;
        p.mapp = m;
        return Errno.EOK;
    }

    /** Releases {@code p}'s own address space ({@code vm_mapDestroy}; NOMMU: its ring's entries in mapp). */
    private void unload(Process p) {
        if (k.pages() == null) {
            if (p.mapp != null) {
                p.mapp.destroy(p);
            }
        } else if (p.map != null) {
            p.map.destroy();
        }
        p.map = null;
        p.mapp = null;
    }

    /**
     * fork: a new map with {@code vm_mapCopy} of the parent's (MMU only; NOMMU has vfork only, ENOSYS).
     *
     * @return the child's pid, or the error of the failing step with everything undone
     */
    public SysResult fork(Process parent) {
        if (panic != null) {
            return refused();
        }
        if (parent.state() != Process.State.RUNNING) {
            return SysResult.error(Errno.EBUSY);
        }
        if (k.pages() == null) {
            return SysResult.error(Errnos.ENOSYS);
        }
        Process c = new Process(nextPidPeek(), parent.name(), parent, parent.image());
        if (!allocStruct(c)) {
            return SysResult.error(Errno.ENOMEM);
        }
        VmMap m = k.createUserMap();
        if (m == null) {
            freeKernelParts(c);
            return SysResult.error(Errno.ENOMEM);
        }
        int err = m.copyFrom(parent.mapp);
        if (err != Errno.EOK) {
            // vm_mapCopy already destroyed the child's map
            freeKernelParts(c);
            return SysResult.error(err);
        }
        c.map = m;
        c.mapp = m;
        if (!allocThread(c)) {
            unload(c);
            freeKernelParts(c);
            return SysResult.error(Errno.ENOMEM);
        }
        return admit(c);
    }

    /** vfork: the child borrows the parent's maps until exec or exit; the parent waits. */
    public SysResult vfork(Process parent) {
        if (panic != null) {
            return refused();
        }
        if (parent.state() != Process.State.RUNNING) {
            return SysResult.error(Errno.EBUSY);
        }
        Process c = new Process(nextPidPeek(), parent.name(), parent, parent.image());
        if (!allocStruct(c)) {
            return SysResult.error(Errno.ENOMEM);
        }
        if (!allocThread(c)) {
            freeKernelParts(c);
            return SysResult.error(Errno.ENOMEM);
        }
        c.map = null;
        c.mapp = parent.mapp;
        c.pmapp = parent.pmapp;
        c.state = Process.State.VFORKED;
        parent.state = Process.State.WAITING;
        return admit(c);
    }

    /** exec: a new address space from {@code img}; the old one is released only on success. */
    public SysResult exec(Process p, String name, ProgramImage img) {
        if (panic != null) {
            return refused();
        }
        if (p.state() == Process.State.WAITING || !p.alive()) {
            return SysResult.error(Errno.EBUSY);
        }
        Process tmp = new Process(p.pid(), name, p.parent(), img);
        int err = load(tmp, img, p.mapp);
        if (err != Errno.EOK) {
            return SysResult.error(err);
        }
        if (p.state() == Process.State.VFORKED) {
            releaseParent(p);
        } else {
            unload(p);
        }
        p.map = tmp.map;
        p.mapp = tmp.mapp;
        p.pmapp = tmp.pmapp;
        tmp.entries().moveAllTo(p);
        p.state = Process.State.RUNNING;
        p.rename(name, img);
        activate(p.mapp);
        return SysResult.ok(p.pid());
    }

    private void releaseParent(Process child) {
        Process parent = child.parent();
        if (parent != null && parent.state() == Process.State.WAITING) {
            parent.state = Process.State.RUNNING;
        }
    }

    /**
     * exit: {@code vm_mapDestroy} of its own map (all pages and tables back), kernel structures freed. Message
     * windows mapped into it disappear with the map, but their bounce pages and kmap windows stay until the
     * message is completed ({@link #reply}).
     *
     * @return 0, or EBUSY for a vfork parent still waiting or a sender blocked in msgSend
     */
    public SysResult exit(Process p) {
        return exit(p, "exit");
    }

    private SysResult exit(Process p, String reason) {
        if (panic != null) {
            return refused();
        }
        if (!p.alive()) {
            return SysResult.error(Errnos.ESRCH);
        }
        if (p.state() == Process.State.WAITING) {
            return SysResult.error(Errno.EBUSY);
        }
        for (MessageWindow w : windows.values()) {
            if (w.sender() == p) {
                return SysResult.error(Errno.EBUSY);
            }
        }
        if (p.state() == Process.State.VFORKED) {
            releaseParent(p);
            p.mapp = null;
        } else {
            unload(p);
        }
        p.pmapp = null;
        freeKernelParts(p);
        p.state = Process.State.EXITED;
        p.exitReason = reason;
        procs.remove(p.pid());
        return SysResult.ok(0);
    }

    // ------------------------------------------------------------------ memory system calls

    private VmMap mapOf(Process p) {
        return p == null ? k.kmap() : p.mapp;
    }

    private SysResult checkCaller(Process p) {
        if (panic != null) {
            return refused();
        }
        if (p != null && (p.state() == Process.State.WAITING || !p.alive())) {
            return SysResult.error(Errno.EBUSY);
        }
        return null;
    }

    /**
     * {@code sys_mmap} (§3.4): size rounded up to pages; object from the flags (ANONYMOUS: anonymous,
     * +PHYSMEM: physical memory at {@code offs}, +CONTIGUOUS: a fresh contiguous block; else file {@code file});
     * ANONYMOUS/CONTIGUOUS/PHYSMEM are not stored; PROT_USER is added for processes. {@code p == null} maps in
     * the kernel map (kernel thread, no PROT_USER).
     *
     * @return the address, or ENOMEM for every failure (EINVAL for a missing file name)
     */
    public SysResult mmap(Process p, long addr, long size, int prot, int flags, String file, long offs) {
        SysResult bad = checkCaller(p);
        if (bad != null) {
            return bad;
        }
        long sz = (size + pageSize - 1) & ~(pageSize - 1);
        VmMap m = mapOf(p);
        VmObject o;
        long off = offs;
        boolean ownRef = false;
        if ((flags & Mman.MAP_ANONYMOUS) != 0 && (flags & Mman.MAP_PHYSMEM) != 0) {
            o = VmObject.PHYSMEM;
        } else if ((flags & Mman.MAP_ANONYMOUS) != 0 && (flags & Mman.MAP_CONTIGUOUS) != 0) {
            if (k.pages() == null || sz == 0) {
                return SysResult.error(Errno.ENOMEM);
            }
            Page blk = k.pages().alloc(sz, PageFlags.OWNER_APP);
            if (blk == null) {
                return SysResult.error(Errno.ENOMEM);
            }
            o = VmObject.contiguous(blk, pageSize);
            off = 0;
            ownRef = true;
        } else if ((flags & Mman.MAP_ANONYMOUS) != 0) {
            o = null;
            off = -1;
        } else {
            if (file == null) {
                return SysResult.error(Errno.EINVAL);
            }
            o = objects.get(file, Math.max(sz + Math.max(off, 0), pageSize));
            ownRef = true;
        }
        int stored = flags & ~(Mman.MAP_ANONYMOUS | Mman.MAP_CONTIGUOUS | Mman.MAP_PHYSMEM);
        int pr = p == null ? prot : prot | Mman.PROT_USER;
        VmObject obj = o;
        long offset = off;
        long v = sz == 0 ? 0 : asCurrent(p, () -> m.mmap(addr, null, sz, pr, obj, offset, stored));
        if (ownRef) {
            VmObject.put(o, k.pages());
        }
        if (v == 0) {
            return SysResult.error(Errno.ENOMEM);
        }
        return SysResult.ok(v);
    }

    /** {@code sys_munmap}: size rounded up to pages; EINVAL when unaligned. */
    public SysResult munmap(Process p, long addr, long size) {
        SysResult bad = checkCaller(p);
        if (bad != null) {
            return bad;
        }
        long sz = (size + pageSize - 1) & ~(pageSize - 1);
        int err = asCurrent(p, () -> mapOf(p).munmap(addr, sz));
        return err == Errno.EOK ? SysResult.ok(0) : SysResult.error(err);
    }

    /** Runs a mapper call on behalf of {@code p} ({@code proc_current()->process}; null = a kernel thread). */
    private <T> T asCurrent(Process p, java.util.function.Supplier<T> call) {
        switchTo(p);
        EntryOwner old = k.context().current().set(p);
        try {
            return call.get();
        } finally {
            k.context().current().set(old);
        }
    }

    /** {@code sys_mprotect}: {@code vm_mprotect} with PROT_USER added for processes. */
    public SysResult mprotect(Process p, long addr, long len, int prot) {
        SysResult bad = checkCaller(p);
        if (bad != null) {
            return bad;
        }
        int err = asCurrent(p, () -> mapOf(p).mprotect(addr, len, p == null ? prot : prot | Mman.PROT_USER));
        return err == Errno.EOK ? SysResult.ok(0) : SysResult.error(err);
    }

    // ------------------------------------------------------------------ accesses and faults

    /** What the MMU would do with an access: the frame, or -1 when it faults. */
    private long hardware(VmMap m, long va, boolean write, boolean user) {
        Pmap pm = m.pmap();
        if (pm instanceof TablePmap tp) {
            PageTableWalker w = new PageTableWalker(k.phys());
            for (PagingRoot r : tp.walkRoots()) {
                if (!r.format().geometry().translates(va)) {
                    continue;
                }
                Translation t = w.translate(r, va);
                if (!t.mapped()) {
                    return -1;
                }
                int a = t.attr();
                if ((write && (a & PageAttr.WRITE) == 0) || (user && (a & PageAttr.USER) == 0)) {
                    return -1;
                }
                return t.pa();
            }
            // Kernel half of a user map (armv7a TTBR1): resolve through the pmap
            long pa = pm.resolve(va);
            return pa == 0 ? -1 : pa + (va & (pageSize - 1));
        }
        if (pm instanceof SoftPmap sp) {
            int a = sp.attr(va);
            if (a < 0 || (write && (a & PageAttr.WRITE) == 0) || (user && (a & PageAttr.USER) == 0)) {
                return -1;
            }
            return sp.resolve(va) + (va & (pageSize - 1));
        }
        long pa = pm.resolve(va);
        return pa == 0 ? -1 : pa + (va & (pageSize - 1));
    }

    /**
     * A one-byte access by {@code p} (null: a kernel thread) at {@code va}. When the MMU refuses it, the page
     * fault handler runs {@code vm_mapForce(map, page, prot)} (§3.7): success retries the access (a write to a
     * needs-copy page copies it); failure sends SIGSEGV, which kills the process, or, for a kernel thread,
     * halts the CPU (a {@link KernelPanic}). A write stores {@code 0x5a}.
     *
     * @return 1 when the access needed a fault to succeed, 0 when it did not; EFAULT when the process was killed
     */
    public SysResult touch(Process p, long va, boolean write) {
        SysResult bad = checkCaller(p);
        if (bad != null) {
            return bad;
        }
        VmMap m = mapOf(p);
        boolean user = p != null;
        if (k.pages() == null) {
            // NOMMU: no page faults; the MPU decides user accesses, an access outside every entry is a bus fault
            switchTo(p);
            if (user && k.mpu() != null) {
                MpuChecker.Decision d = k.mpu().checker(activeRegions).access(va,
                        write ? PageAttr.WRITE : PageAttr.READ, false);
                if (!d.allowed()) {
                    return fault(p, va, "MPU: " + d.reason());
                }
            }
            if (m.entryAt(va) == null) {
                return fault(p, va, "access outside every map entry");
            }
            return access(va, write) ? SysResult.ok(0) : fault(p, va, "access outside RAM");
        }
        long pa = hardware(m, va, write, user);
        int faulted = 0;
        if (pa < 0) {
            int prot = (write ? Mman.PROT_WRITE : Mman.PROT_READ) | (user ? Mman.PROT_USER : 0);
            int err = m.force(va & ~(pageSize - 1), prot);
            if (err != Errno.EOK) {
                return fault(p, va, "vm_mapForce: " + Errnos.name(err));
            }
            pa = hardware(m, va, write, user);
            if (pa < 0) {
                return fault(p, va, "fault not resolved");
            }
            faulted = 1;
        }
        return access(pa, write) ? SysResult.ok(faulted) : fault(p, va, "access outside RAM");
    }

    private boolean access(long pa, boolean write) {
        try {
            if (write) {
                k.phys().write(pa, new byte[] {0x5a});
            } else {
                k.phys().read(pa, 1);
            }
            return true;
        } catch (MemoryAccessException e) {
            return false;
        }
    }

    private SysResult fault(Process p, long va, String why) {
        String at = String.format("0x%x", va);
        if (p == null) {
            panic = new KernelPanic("unresolved page fault in a kernel thread at " + at + " (" + why
                    + "): the CPU is halted", "touch kernel " + at);
            return SysResult.error(Errno.EFAULT);
        }
        for (MessageWindow w : new ArrayList<>(windows.values())) {
            if (w.sender() == p) {
                reply(w.id()); // the kernel aborts the blocked send of a killed sender
            }
        }
        exit(p, "SIGSEGV at " + at + " (" + why + ")");
        return SysResult.error(Errno.EFAULT);
    }

    /**
     * {@code pmap_switch} to {@code p}'s pmap (a kernel thread: the kernel pmap, every region enabled): the MPU
     * enable bits follow the process that runs.
     */
    private void switchTo(Process p) {
        if (k.mpu() != null) {
            activeRegions = p == null || p.pmapp == null ? k.mpu().allRegions() : p.pmapp.regions();
        }
    }

    /**
     * The MPU as the last context switch left it (armv7m/armv8m; empty elsewhere): the loader's regions with the
     * running process's enable bits.
     */
    public List<MpuRegion> activeMpuRegions() {
        return k.mpu() == null ? List.of() : k.mpu().active(activeRegions);
    }

    /** Records a panic caused outside this class's operations (e.g. a page double free seen by a caller). */
    public void panic(String reason, String during) {
        if (panic == null) {
            panic = new KernelPanic(reason, during);
        }
    }

    // ------------------------------------------------------------------ kmalloc

    /** {@code vm_kmalloc}: the block address, ENOMEM, or ENOSYS on NOMMU (no kmalloc in this model). */
    public SysResult kmalloc(long size) {
        if (panic != null) {
            return refused();
        }
        if (k.kmalloc() == null) {
            return SysResult.error(Errnos.ENOSYS);
        }
        long b = k.kmalloc().kmalloc(size);
        return b == 0 ? SysResult.error(Errno.ENOMEM) : SysResult.ok(b);
    }

    /** {@code vm_kfree}: unknown pointers are ignored, as the kernel ignores them. */
    public SysResult kfree(long addr) {
        if (panic != null) {
            return refused();
        }
        if (k.kmalloc() == null) {
            return SysResult.error(Errnos.ENOSYS);
        }
        k.kmalloc().kfree(addr);
        return SysResult.ok(0);
    }

    // ------------------------------------------------------------------ messages

    /**
     * {@code msgSend} of {@code [buf, buf+size)} from {@code from} to {@code to} (§3.13): same map → the pointer
     * passes unchanged; else a {@code MAP_NOINHERIT} window in the receiver, interior pages shared, partial
     * pages copied into bounce pages through kmap windows.
     *
     * @return the window id; ENOMEM (pool, pages, no gap) or EFAULT (the buffer is not mapped) with everything
     *         undone
     */
    public SysResult send(Process from, long buf, long size, Process to) {
        SysResult bad = checkCaller(from);
        if (bad == null) {
            bad = checkCaller(to);
        }
        if (bad != null) {
            return bad;
        }
        if (size <= 0) {
            return SysResult.error(Errno.EINVAL);
        }
        VmMap src = from.mapp;
        VmMap dst = to.mapp;
        int id = ++windowIds;
        if (src == dst || k.pages() == null) {
            // same map, or NOMMU (copy-based IPC between maps is not modelled): the pointer passes unchanged
            MessageWindow w = new MessageWindow(id, from, to, buf, size, buf, 0, List.of(), List.of());
            windows.put(id, w);
            to.windows.add(w);
            return SysResult.ok(id);
        }
        long first = buf & ~(pageSize - 1);
        long end = buf + size;
        long n = ((end + pageSize - 1) & ~(pageSize - 1)) - first;
        long pages = n / pageSize;
        int prot = Mman.PROT_READ | Mman.PROT_WRITE | Mman.PROT_USER;
        long w = dst.mapFind(0, n, Mman.MAP_NOINHERIT, prot);
        if (w == 0) {
            return SysResult.error(Errno.ENOMEM);
        }
        List<Page> bounce = new ArrayList<>();
        List<Long> kwin = new ArrayList<>();
        MessageWindow mw = new MessageWindow(id, from, to, buf, size, w, pages, bounce, kwin);
        int attr = Mman.protToAttr(prot);
        for (long i = 0; i < pages; i++) {
            long sva = first + i * pageSize;
            long pa = src.pmap().resolve(sva);
            if (pa == 0 || src.entryAt(sva) == null) {
                release(mw);
                return SysResult.error(Errno.EFAULT);
            }
            boolean partial = (i == 0 && (buf & (pageSize - 1)) != 0) || (i == pages - 1 && (end & (pageSize - 1)) != 0);
            long target = pa;
            if (partial) {
                long kv = k.kmap().mmap(0, null, pageSize, Mman.PROT_READ | Mman.PROT_WRITE, VmObject.PHYSMEM, pa,
                        Mman.MAP_NONE);
                if (kv == 0) {
                    release(mw);
                    return SysResult.error(Errno.ENOMEM);
                }
                kwin.add(kv);
                Page bp = k.pages().alloc(pageSize, PageFlags.OWNER_APP);
                if (bp == null) {
                    release(mw);
                    return SysResult.error(Errno.ENOMEM);
                }
                bounce.add(bp);
                if (!copyPart(pa, bp.addr(), Math.max(buf, sva) - sva, Math.min(end, sva + pageSize) - sva)) {
                    release(mw);
                    return SysResult.error(Errno.EFAULT);
                }
                target = bp.addr();
            }
            if (dst.pageMap(w + i * pageSize, target, attr) != Errno.EOK) {
                release(mw);
                return SysResult.error(Errno.ENOMEM);
            }
        }
        windows.put(id, mw);
        to.windows.add(mw);
        return SysResult.ok(id);
    }

    private boolean copyPart(long from, long to, long lo, long hi) {
        try {
            k.phys().zero(to, pageSize);
            k.phys().write(to + lo, k.phys().read(from + lo, (int) (hi - lo)));
            return true;
        } catch (MemoryAccessException e) {
            return false;
        }
    }

    /** Undoes a window: receiver entry (if the receiver still has its map), bounce pages, kmap windows. */
    private void release(MessageWindow w) {
        Process to = w.receiver();
        if (w.pages() != 0 && to.alive() && to.mapp != null) {
            to.mapp.munmap(w.va(), w.pages() * pageSize);
        }
        for (Page b : w.bounce()) {
            k.pages().free(b);
        }
        for (long kv : w.kmapWindows()) {
            k.kmap().munmap(kv, pageSize);
        }
        to.windows.remove(w);
    }

    /** Completes a message ({@code msgRespond}): the window is unmapped and its bounce pages freed. */
    public SysResult reply(int id) {
        if (panic != null) {
            return refused();
        }
        MessageWindow w = windows.remove(id);
        if (w == null) {
            return SysResult.error(Errno.EINVAL);
        }
        release(w);
        return SysResult.ok(0);
    }

    // ------------------------------------------------------------------ introspection

    /**
     * The {@code entryinfo_t} list {@code mem -m PID} gets: the process's map in address order (MMU); on NOMMU
     * its {@code process->entries} ring from the head, in ring order (the order the entries were added, which
     * psh prints backwards), whatever shared map each lies in. The kernel walks that ring without checking
     * for an empty one; the model reports an empty ring as no entries.
     */
    public List<EntryInfo> mapInfo(Process p) {
        if (p.mapp == null) {
            return List.of();
        }
        if (k.pages() != null) {
            return p.mapp.info();
        }
        List<EntryInfo> out = new ArrayList<>();
        for (MapEntry e : p.entries().entries()) {
            out.add(EntryInfo.of(e, pageSize));
        }
        return out;
    }

    /** {@code threadinfo_t.vmem}: the sum of entry sizes of its map (NOMMU: over {@code process->entries}). */
    public long vmem(Process p) {
        long s = 0;
        for (EntryInfo e : mapInfo(p)) {
            s += e.size();
        }
        return s;
    }
}
