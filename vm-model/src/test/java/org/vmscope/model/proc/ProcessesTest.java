package org.vmscope.model.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vmscope.model.Arch;
import org.vmscope.model.kernel.Machine;
import org.vmscope.model.kernel.ProgramImage;
import org.vmscope.model.kernel.SimKernel;
import org.vmscope.model.map.Errno;
import org.vmscope.model.map.MapEntry;
import org.vmscope.model.map.Mman;
import org.vmscope.model.psh.PshMem;

/** Process life cycle against the reference's rules (phoenix-vm.md §3.4, §3.8, §3.10, §3.13, §7). */
class ProcessesTest {
    private static final long K = 1024;
    private static final int RW = Mman.PROT_READ | Mman.PROT_WRITE;
    private static final int ANON = Mman.MAP_ANONYMOUS;
    private static final ProgramImage IMG = ProgramImage.file("psh", 128 * K, 4 * K, 4 * K, 32 * K);

    private static Processes boot(Arch a, long ram) throws Exception {
        return new Processes(SimKernel.boot(Machine.standard(a, ram)));
    }

    /** free, used entries and kmalloc bytes: what must come back after an exit or a failed operation. */
    private static List<Long> counters(Processes ps) {
        SimKernel k = ps.kernel();
        return List.of(k.freeBytes(), (long) k.entryPool().total() - k.entryPool().free(),
                k.kmalloc() == null ? 0 : k.kmalloc().allocBytes());
    }

    @ParameterizedTest
    @EnumSource(value = Arch.class, names = {"IA32", "ARMV7A", "AARCH64", "RISCV64", "SPARCV8LEON"})
    void exitGivesBackEverySpawnAndForkTook(Arch a) throws Exception {
        Processes ps = boot(a, 32L << 20);
        List<Long> before = counters(ps);
        SysResult r = ps.spawn("psh", IMG, null);
        assertTrue(r.isOk());
        Process p = ps.get((int) r.value());
        assertTrue(ps.mmap(p, 0, 20 * K, RW, ANON, null, -1).isOk());
        Process c = ps.get((int) ps.fork(p).value());
        assertNotEquals(before.get(0), ps.kernel().freeBytes());
        assertTrue(ps.exit(c).isOk());
        assertTrue(ps.exit(p).isOk());
        assertEquals(before, counters(ps));
        assertTrue(ps.all().isEmpty());
    }

    @Test
    void forkSharesReadOnlyAnonsAndCopiesWritableOnes() throws Exception {
        Processes ps = boot(Arch.IA32, 16 << 20);
        Process p = ps.get((int) ps.spawn("psh", IMG, null).value());
        long rw = ps.mmap(p, 0, 8 * K, RW, ANON, null, -1).value();
        long ro = ps.mmap(p, 0, 4 * K, Mman.PROT_READ, ANON, null, -1).value();
        long free = ps.kernel().freeBytes();
        Process c = ps.get((int) ps.fork(p).value());
        MapEntry pe = p.map().entryAt(rw);
        MapEntry ce = c.map().entryAt(rw);
        // §3.10: NEEDSCOPY on both sides; the child's eager populate un-shared its amap and cleared its flag
        assertEquals(Mman.MAP_NEEDSCOPY, pe.flags() & Mman.MAP_NEEDSCOPY);
        assertEquals(0, ce.flags() & Mman.MAP_NEEDSCOPY);
        assertNotEquals(pe.amap(), ce.amap());
        assertEquals(1, pe.amap().anon(0).refs());
        assertEquals(1, ce.amap().anon(0).refs());
        assertNotEquals(p.map().pmap().resolve(rw), c.map().pmap().resolve(rw));
        // read-only entries stay shared: same amap, anon referenced by both twins
        MapEntry pr = p.map().entryAt(ro);
        MapEntry cr = c.map().entryAt(ro);
        assertSame(pr.amap(), cr.amap());
        // the read-only entry was mapped next to the writable one and shares its amap (§3.3): referenced by
        // the parent's two entries and the child's read-only one (the child's writable entry un-shared)
        assertSame(pe.amap(), pr.amap());
        assertEquals(3, pr.amap().refs());
        assertEquals(2, pr.amap().anon((int) (pr.aoffs() / 4096)).refs());
        assertEquals(p.map().pmap().resolve(ro), c.map().pmap().resolve(ro));
        assertEquals(0, pr.flags());
        assertTrue(free > ps.kernel().freeBytes());
    }

    @Test
    void childWriteAfterForkDoesNotTouchTheParentsPage() throws Exception {
        Processes ps = boot(Arch.RISCV64, 64L << 20);
        Process p = ps.get((int) ps.spawn("sh", IMG, null).value());
        long v = ps.mmap(p, 0, 4 * K, RW, ANON, null, -1).value();
        Process c = ps.get((int) ps.fork(p).value());
        assertEquals(0, ps.touch(c, v, true).value(), "the child's copy is already writable: no fault");
        long pp = p.map().pmap().resolve(v);
        long cp = c.map().pmap().resolve(v);
        assertEquals(0x5a, ps.kernel().phys().read(cp, 1)[0]);
        assertEquals(0, ps.kernel().phys().read(pp, 1)[0], "anonymous memory is zero-filled; the parent's stays 0");
    }

    @Test
    void noInheritEntriesAreNotInherited() throws Exception {
        Processes ps = boot(Arch.AARCH64, 32L << 20);
        Process p = ps.get((int) ps.spawn("sh", IMG, null).value());
        long v = ps.mmap(p, 0, 8 * K, RW, ANON | Mman.MAP_NOINHERIT, null, -1).value();
        Process q = ps.get((int) ps.spawn("client", IMG, null).value());
        long buf = ps.mmap(q, 0, 8 * K, RW, ANON, null, -1).value();
        assertTrue(ps.send(q, buf + 1, 100, p).isOk());
        Process c = ps.get((int) ps.fork(p).value());
        assertNotNull(p.map().entryAt(v));
        assertNull(c.map().entryAt(v), "MAP_NOINHERIT mmap");
        long window = p.windows().get(0).va();
        assertNotNull(p.map().entryAt(window));
        assertNull(c.map().entryAt(window), "message window");
        assertEquals(ps.vmem(p) - 8 * K - 4 * K, ps.vmem(c));
    }

    @Test
    void everyFailedForkLeavesNoTrace() throws Exception {
        // inject the page failure at every allocation fork makes, until fork succeeds
        Processes ps = boot(Arch.IA32, 16 << 20);
        Process p = ps.get((int) ps.spawn("psh", IMG, null).value());
        ps.mmap(p, 0, 12 * K, RW, ANON, null, -1);
        List<Long> before = counters(ps);
        int failures = 0;
        for (int after = 0; after < 200; after++) {
            ps.failures().arm(FailureInjector.Resource.PAGES, after, 1);
            SysResult r = ps.fork(p);
            ps.failures().clearAll();
            if (r.isOk()) {
                break;
            }
            failures++;
            assertEquals(Errno.ENOMEM, r.errno());
            assertEquals(before, counters(ps), "after=" + after);
            assertEquals(1, ps.all().size());
        }
        assertTrue(failures > 10, "fork allocates pdir, tables, copies and kernel structures: " + failures);
        assertEquals(2, ps.all().size());
    }

    @Test
    void entryPoolAndKmallocFailuresTakeTheEnomemPaths() throws Exception {
        Processes ps = boot(Arch.ARMV7A, 32L << 20);
        List<Long> before = counters(ps);
        ps.failures().arm(FailureInjector.Resource.KMALLOC, 0, -1);
        assertEquals(Errno.ENOMEM, ps.spawn("sh", IMG, null).errno());
        ps.failures().clearAll();
        assertEquals(before, counters(ps));
        Process p = ps.get((int) ps.spawn("sh", IMG, null).value());
        List<Long> running = counters(ps);
        for (int after = 0; after < 10; after++) {
            ps.failures().arm(FailureInjector.Resource.ENTRIES, after, 1);
            SysResult r = ps.fork(p);
            ps.failures().clearAll();
            if (r.isOk()) {
                break;
            }
            assertEquals(Errno.ENOMEM, r.errno());
            assertEquals(running, counters(ps));
        }
        assertTrue(ps.failures().injected(FailureInjector.Resource.ENTRIES) > 3);
    }

    @Test
    void segfaultKillsTheProcessAndFreesIt() throws Exception {
        Processes ps = boot(Arch.SPARCV8LEON, 32L << 20);
        List<Long> before = counters(ps);
        Process p = ps.get((int) ps.spawn("sh", IMG, null).value());
        long v = ps.mmap(p, 0, 8 * K, RW, ANON, null, -1).value();
        assertTrue(ps.mprotect(p, v, 4 * K, Mman.PROT_READ).isOk());
        assertEquals(0, ps.touch(p, v + 4 * K, true).value());
        assertEquals(Errno.EFAULT, ps.touch(p, v, true).errno(), "write to a read-only page");
        assertFalse(p.alive());
        assertTrue(p.exitReason().startsWith("SIGSEGV at 0x"), p.exitReason());
        assertEquals(before, counters(ps));
        assertNull(ps.panic());
    }

    @Test
    void vforkBorrowsTheMapUntilExec() throws Exception {
        Processes ps = boot(Arch.IA32, 16 << 20);
        Process p = ps.get((int) ps.spawn("psh", IMG, null).value());
        List<Long> before = counters(ps);
        Process c = ps.get((int) ps.vfork(p).value());
        assertSame(p.mapp(), c.mapp());
        assertNull(c.map());
        assertEquals(Process.State.WAITING, p.state());
        assertEquals(Errno.EBUSY, ps.fork(p).errno(), "the parent waits");
        assertTrue(ps.exec(c, "hello", ProgramImage.file("hello", 8 * K, 4 * K, 0, 0)).isOk());
        assertEquals(Process.State.RUNNING, p.state());
        assertNotEquals(p.mapp(), c.mapp());
        assertEquals("hello", c.name());
        assertTrue(ps.exit(c).isOk());
        assertEquals(before, counters(ps));
    }

    @Test
    void nommuHasNoForkAndSharesTheKernelMap() throws Exception {
        Processes ps = boot(Arch.ARMV7M, 128 * K);
        String mem = PshMem.summary(ps.kernel());
        Process p = ps.get((int) ps.spawn("a", ProgramImage.file("a", 2 * K, K, K, K), null).value());
        assertSame(ps.kernel().kmap(), p.mapp());
        assertEquals(Errnos.ENOSYS, ps.fork(p).errno());
        // lazy: nothing allocated, the page counters do not move (§2.9)
        assertEquals(mem.substring(0, mem.indexOf(' ')), PshMem.summary(ps.kernel()).substring(0, mem.indexOf(' ')));
        assertEquals(2 * K + 2 * K + K, ps.vmem(p));
        assertTrue(ps.exit(p).isOk());
        assertEquals(mem, PshMem.summary(ps.kernel()));
    }

    @Test
    void residentSyspageProgramMapsPhysmemAndCopiesData() throws Exception {
        Processes ps = boot(Arch.IA32, 16 << 20);
        ProgramImage prog = ps.kernel().machine().programs().get(1).withSegments(0x18000, 0x2000, 0x1000, 0);
        Process p = ps.get((int) ps.spawn("psh", prog, null).value());
        long text = ps.textBase();
        // text executes from the image's own frames; data is a private copy (PR #347)
        assertEquals(prog.addr(), p.map().pmap().resolve(text));
        long data = text + 0x18000;
        assertNotEquals(prog.addr() + 0x18000, p.map().pmap().resolve(data));
        String row = PshMem.map(List.of(ps.mapInfo(p).get(1)), 4);
        assertTrue(row.contains("rw-") && row.contains(" mem/(12KB)"), row);
    }
}
