package org.vmscope.model.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vmscope.model.Arch;
import org.vmscope.model.amap.Anon;
import org.vmscope.model.map.MapEntry;
import org.vmscope.model.map.Mman;
import org.vmscope.model.map.VmMap;
import org.vmscope.model.object.VmObject;
import org.vmscope.model.page.Page;
import org.vmscope.model.pmap.AddressSpaceWalk;
import org.vmscope.model.pmap.MappedRange;
import org.vmscope.model.pmap.PageAttr;
import org.vmscope.model.pmap.PageTableWalker;
import org.vmscope.model.pmap.PagingRoot;
import org.vmscope.model.pmap.RiscvFormat;
import org.vmscope.model.pmap.TablePmap;
import org.vmscope.model.proc.Process;
import org.vmscope.model.proc.Processes;
import org.vmscope.model.kernel.ProgramImage;

/**
 * The default boot builds real tables: a {@link PageTableWalker} reading simulated RAM from the kernel and
 * user roots finds exactly the frames the map entries say each page has (anon, object cache, PHYSMEM).
 */
class HardwarePageTablesTest {
    private static final long PAGE = 0x1000;

    static Stream<Arguments> machines() {
        return Stream.of(Arguments.of(Machine.standard(Arch.IA32, 16 << 20)),
                Arguments.of(Machine.standard(Arch.ARMV7A, 32 << 20)),
                Arguments.of(Machine.standard(Arch.AARCH64, 32 << 20)),
                Arguments.of(Machine.standard(Arch.RISCV64, 64 << 20)),
                Arguments.of(Machine.standard(Arch.RISCV64, 64 << 20).withSv48()),
                Arguments.of(Machine.standard(Arch.SPARCV8LEON, 32 << 20)));
    }

    /** va -> pa of every page the walk found. */
    private static Map<Long, Long> pages(AddressSpaceWalk w, long lo, long hi) {
        Map<Long, Long> out = new HashMap<>();
        for (MappedRange r : w.ranges()) {
            for (long off = 0; Long.compareUnsigned(off, r.size()) < 0; off += PAGE) {
                long va = r.va() + off;
                if (Long.compareUnsigned(va, lo) >= 0 && Long.compareUnsigned(va, hi) < 0) {
                    out.put(va, r.pa() + off);
                }
            }
        }
        return out;
    }

    private static Map<Long, Long> walk(SimKernel k, TablePmap p, long lo, long hi) {
        PageTableWalker w = new PageTableWalker(k.phys());
        Map<Long, Long> out = new HashMap<>();
        for (PagingRoot r : p.walkRoots()) {
            AddressSpaceWalk aw = w.walk(r);
            assertTrue(aw.problems().isEmpty(), () -> aw.problems().toString());
            out.putAll(pages(aw, lo, hi));
        }
        return out;
    }

    /** The frame the entry model predicts for {@code va}: the anon's page, else the object's. */
    private static long predicted(MapEntry e, long va) {
        long off = va - e.vaddr();
        if (e.amap() != null) {
            Anon a = e.amap().anon((int) ((e.aoffs() + off) / PAGE));
            if (a != null) {
                return a.page().addr();
            }
        }
        VmObject o = e.object();
        if (o == VmObject.PHYSMEM) {
            return e.offs() + off;
        }
        Page p = o.cached(e.offs() + off);
        assertNotNull(p, "object page cached for " + Long.toHexString(va));
        return p.addr();
    }

    @ParameterizedTest
    @MethodSource("machines")
    void walkedUserTablesMatchTheEntries(Machine m) throws Exception {
        SimKernel k = SimKernel.boot(m);
        Processes ps = new Processes(k);
        Process p = ps.get((int) ps.spawn("psh", ProgramImage.file("psh", 64 << 10, 8 << 10, 8 << 10, 0), null).value());
        ps.mmap(p, 0, 24 << 10, Mman.PROT_READ | Mman.PROT_WRITE, Mman.MAP_ANONYMOUS, null, -1);
        Process c = ps.get((int) ps.fork(p).value());
        for (Process q : new Process[] {p, c}) {
            VmMap map = q.map();
            TablePmap tp = assertInstanceOf(TablePmap.class, map.pmap());
            Map<Long, Long> walked = walk(k, tp, map.start(), map.stop());
            int expected = 0;
            for (MapEntry e : map.entries()) {
                for (long va = e.vaddr(); Long.compareUnsigned(va, e.end()) < 0; va += PAGE) {
                    expected++;
                    assertEquals(predicted(e, va), walked.get(va), q + " " + Long.toHexString(va));
                }
            }
            assertEquals(expected, walked.size(), "no mapping outside the entries");
        }
        if (m.arch() == Arch.RISCV64) {
            assertEquals(m.sv48() ? RiscvFormat.MODE_SV48 : RiscvFormat.MODE_SV39,
                    ((RiscvFormat) ((TablePmap) k.kmap().pmap()).format()).mode());
        }
    }

    @ParameterizedTest
    @MethodSource("machines")
    void walkedKernelTablesStayInsideKernelEntries(Machine m) throws Exception {
        SimKernel k = SimKernel.boot(m);
        VmMap user = k.createUserMap();
        assertNotNull(user);
        TablePmap kp = assertInstanceOf(TablePmap.class, k.kmap().pmap());
        Map<Long, Long> walked = walk(k, kp, k.kmap().start(), k.kmap().stop());
        for (long va : walked.keySet()) {
            assertNotNull(k.kmap().entryAt(va), "kernel mapping outside the kernel map entries: " + Long.toHexString(va));
        }
        KernelLayout l = m.kernel();
        assertEquals(l.kernelPa(), walked.get(l.kernelVa()), "image");
        long zone = k.kmalloc().firstzone().vaddr();
        assertEquals(k.kmalloc().firstzone().pages().addr(), walked.get(zone), "first kmalloc zone");
        assertEquals(user.pdirPage().addr(), walked.get(user.pdirVa()), "the user pdir's kernel window");
        // every P page is a boot table, a kernel table or the user's top level: none is lost
        assertTrue(walked.size() > 0);
    }

    @Test
    void ia32NullPageEntryIsPresentAsTheKernelWritesIt() throws Exception {
        SimKernel k = SimKernel.boot(Machine.standard(Arch.IA32, 16 << 20));
        TablePmap kp = (TablePmap) k.kmap().pmap();
        var t = new PageTableWalker(k.phys()).translate(kp.walkRoots().get(0), 0);
        assertTrue(t.mapped(), "pmap_enter ORs PRESENT (§4.2 observation)");
        assertEquals(0, t.pa());
        assertTrue((t.attr() & PageAttr.USER) != 0);
        // user directories copy only the kernel PDEs: VA 0 stays unmapped there
        assertEquals(0, k.createUserMap().pmap().resolve(0));
    }
}
