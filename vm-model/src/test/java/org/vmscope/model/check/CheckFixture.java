package org.vmscope.model.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.vmscope.model.Arch;
import org.vmscope.model.kernel.BootException;
import org.vmscope.model.kernel.BootMappings;
import org.vmscope.model.kernel.Machine;
import org.vmscope.model.kernel.SimKernel;
import org.vmscope.model.kernel.SoftPmap;
import org.vmscope.model.map.Mman;
import org.vmscope.model.map.VmMap;
import org.vmscope.model.phys.SimPhysicalMemory;
import org.vmscope.model.pmap.Ia32Pmap;
import org.vmscope.model.pmap.Pmap;

/**
 * A booted ia32 kernel (16 MiB) with one user map ("pid 1"), either on software pmaps or on real ia32 page
 * tables in simulated RAM, a boot baseline, and helpers to state what a check must report.
 */
final class CheckFixture {
    static final int RWU = Mman.PROT_READ | Mman.PROT_WRITE | Mman.PROT_USER;
    static final int RU = Mman.PROT_READ | Mman.PROT_USER;
    static final long PAGE = 0x1000;
    static final String USER = "map of pid 1";

    final SimKernel k;
    final BootBaseline boot;
    final VmMap user;
    final boolean hardware;

    private CheckFixture(SimKernel k, VmMap user, BootBaseline boot, boolean hardware) {
        this.k = k;
        this.user = user;
        this.boot = boot;
        this.hardware = hardware;
    }

    /** Kernel and user map on {@link SoftPmap}s. */
    static CheckFixture soft() throws BootException {
        SimKernel k = SimKernel.boot(Machine.standard(Arch.IA32, 16 << 20));
        BootBaseline b = BootBaseline.capture(k);
        VmMap user = k.createMap(0x1000, 0xC0000000L, root -> new SoftPmap(root, PAGE, 0x400000));
        return new CheckFixture(k, user, b, false);
    }

    /** Kernel and user map on real ia32 tables (the kernel pmap in the loader's pdir at 0x3000). */
    static CheckFixture hardware() throws BootException {
        SimKernel k = SimKernel.boot(Machine.standard(Arch.IA32, 16 << 20), CheckFixture::ia32Kernel);
        BootBaseline b = BootBaseline.capture(k);
        Ia32Pmap kp = (Ia32Pmap) k.kmap().pmap();
        VmMap user = k.createMap(0x1000, 0xC0000000L, root -> Ia32Pmap.create(k.phys(), kp, root));
        return new CheckFixture(k, user, b, true);
    }

    private static Pmap ia32Kernel(SimPhysicalMemory phys, BootMappings bm) {
        Ia32Pmap p = Ia32Pmap.kernel(phys, 0x3000);
        Deque<Long> frames = new ArrayDeque<>();
        frames.add(0x4000L);
        for (BootMappings.Table t : bm.tables()) {
            if (t.va() != 0) {
                frames.add(t.frame());
            }
        }
        for (BootMappings.Mapping m : bm.mappings()) {
            if (p.enter(m.pa(), m.va(), m.attr(), -1) == Pmap.NEEDS_TABLE) {
                p.enter(m.pa(), m.va(), m.attr(), frames.isEmpty() ? -1 : frames.poll());
            }
        }
        return p;
    }

    /** What a process typically does: two anonymous mappings, a hole punched, a page made read-only, kmalloc. */
    CheckFixture typicalOps() {
        long a = user.mmap(0, null, 8 * PAGE, RWU, null, -1, 0);
        assertNotEquals(0, a);
        long b = user.mmap(0x40000000L, null, 4 * PAGE, RWU, null, -1, 0);
        assertNotEquals(0, b);
        assertEquals(0, user.munmap(a + 2 * PAGE, 2 * PAGE));
        assertEquals(0, user.mprotect(a, PAGE, RU));
        long p = k.kmalloc().kmalloc(100);
        long q = k.kmalloc().kmalloc(5000);
        assertNotEquals(0, q);
        k.kmalloc().kfree(p);
        return this;
    }

    KernelState state() {
        return SimStates.of(k).map("pid 1", user).baseline(boot).capture();
    }

    // ------------------------------------------------------------------ assertions

    static List<Problem> errors(List<Problem> ps) {
        List<Problem> out = new ArrayList<>();
        for (Problem p : ps) {
            if (p.isError()) {
                out.add(p);
            }
        }
        return out;
    }

    static Set<ProblemCode> codes(List<Problem> ps) {
        Set<ProblemCode> s = new TreeSet<>();
        for (Problem p : ps) {
            s.add(p.code());
        }
        return s;
    }

    /** The problems carry exactly these codes (each at least once). */
    static void assertCodes(List<Problem> ps, ProblemCode... expected) {
        assertEquals(new TreeSet<>(List.of(expected)), codes(ps), () -> "problems: " + ps);
    }

    /** No problem at all except the documented dangling-slot warnings. */
    static void assertHealthy(List<Problem> ps) {
        for (Problem p : ps) {
            assertEquals(ProblemCode.AMAP_DANGLING_SLOT, p.code(), () -> "unexpected: " + ps);
        }
    }

    /** Some problem with {@code code} names {@code subject} exactly. */
    static void assertNames(List<Problem> ps, ProblemCode code, String subject) {
        assertTrue(ps.stream().anyMatch(p -> p.code() == code && p.subject().equals(subject)),
                () -> code + " naming '" + subject + "' expected in " + ps);
    }
}
