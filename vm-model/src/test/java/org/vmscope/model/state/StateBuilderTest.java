package org.vmscope.model.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.vmscope.model.Arch;
import org.vmscope.model.check.Checks;
import org.vmscope.model.check.SimStates;
import org.vmscope.model.kernel.Machine;
import org.vmscope.model.kernel.SimKernel;
import org.vmscope.model.map.Mman;
import org.vmscope.model.map.VmMap;
import org.vmscope.model.page.PageAllocator;
import org.vmscope.model.state.build.ReadOnly;
import org.vmscope.model.state.build.StateBuilder;
import org.vmscope.model.zone.VmZone;

class StateBuilderTest {
    private static final int RW = Mman.PROT_READ | Mman.PROT_WRITE;

    @Test
    void targetDescribesTheMachine() throws Exception {
        SimKernel k = SimKernel.boot(Machine.standard(Arch.IA32, 16 << 20));
        State s = StateBuilder.of(k).stopCounter(7).timestamp(1234).build();
        Target t = s.getTarget();
        assertEquals(Architecture.IA32, t.getArch());
        assertEquals(4, t.getPointerSize());
        assertEquals(4096, t.getPageSize());
        assertTrue(t.isMmu());
        assertEquals(TargetSource.SIMULATED, t.getSource());
        assertEquals(7, t.getStopCounter());
        assertEquals(1234, t.getTimestamp());
        // 16 MiB less the 384 KiB PC hole
        assertEquals("simulated ia32, 15.6 MiB", t.getName());
        assertEquals("mine", StateBuilder.of(k).name("mine").build().getTarget().getName());
        // the standard PC: [0, 0xA0000) and [1 MiB, 16 MiB)
        assertEquals(2, t.getRamBanks().size());
        assertEquals(0, t.getRamBanks().get(0).getBase());
        assertEquals(0xA0000, t.getRamBanks().get(0).getSize());
        assertEquals(0x100000, t.getRamBanks().get(1).getBase());
        assertEquals((16 << 20) - 0x100000, t.getRamBanks().get(1).getSize());
        assertEquals(1, s.getFormatVersion());
    }

    @Test
    void pageFiguresMatchThePageArrayCountedFrameByFrame() throws Exception {
        SimKernel k = SimKernel.boot(Machine.standard(Arch.IA32, 16 << 20));
        PageAllocator pa = k.pages();
        State s = StateBuilder.build(k);
        PhysicalMemory pm = s.getPhysicalMemory();

        Map<Character, Long> byMarker = new HashMap<>();
        long free = 0;
        for (int i = 0; i < pa.pageCount(); i++) {
            byMarker.merge(pa.pageAt(i).marker(), 1L, Long::sum);
            if (pa.pageAt(i).isFree()) {
                free++;
            }
        }
        assertEquals(pa.pageCount(), pm.getPageCount());
        assertEquals(pa.pageCount(), pm.getRuns().pageCount());
        assertEquals(byMarker, pm.getRuns().pagesByMarker());
        assertEquals(free * 4096, pm.getFreeBytes());
        assertEquals((pa.pageCount() - free) * 4096, pm.getAllocBytes());
        assertEquals(pa.pageCount() * 4096L, pm.getTotalBytes());
        assertEquals(pm.getTotalBytes() - pm.getFreeBytes(), pm.usedBytes());
        assertEquals(16, pm.getPageStructSize());
        // every frame's flags are kept, not only its marker
        for (int i = 0; i < pa.pageCount(); i += 97) {
            assertEquals(pa.pageAt(i).flags(), pm.getRuns().flagsAt(pa.pageAt(i).addr()));
        }
        // buddy lists: the free blocks cover exactly the free frames
        assertEquals(32, pm.getFreeBlocks().size());
        long listed = 0;
        for (int order = 0; order < 32; order++) {
            listed += (long) pm.getFreeBlocks().get(order) << order;
        }
        assertEquals(pm.getFreeBytes(), listed);
        assertEquals(0, pm.getFreeTokens());
    }

    @Test
    void entryPoolAndKernelMapMatchTheKernel() throws Exception {
        SimKernel k = SimKernel.boot(Machine.standard(Arch.IA32, 16 << 20));
        State s = StateBuilder.build(k);
        EntryPool pool = s.getEntryPool();
        assertEquals(k.entryPool().total(), pool.getTotal());
        assertEquals(60, pool.getEntrySize());
        // every used pool slot is an entry of the kernel map, the only map
        assertEquals(k.kmap().entries().size(), pool.used());

        assertEquals(1, s.getAddressSpaces().size());
        AddressSpace ks = s.getAddressSpaces().get(0);
        assertTrue(ks.isKernel());
        assertEquals(-1, ks.getPid());
        assertEquals(0xC0000000L, ks.getStart());
        assertEquals(k.kernelSpaceEnd(), ks.getStop());
        // ia32: low memory RW, text RX, [_etext, top + kmalloc zone page) RW, all the kernel object's
        assertEquals(3, ks.getEntries().size());
        assertEquals(0xC0000000L, ks.getEntries().get(0).getVaddr());
        assertEquals(0xC0100000L, ks.getEntries().get(1).getVaddr());
        assertEquals(Mman.PROT_READ | Mman.PROT_EXEC, ks.getEntries().get(1).getProt());
        assertEquals(k.top() + 0x1000, ks.getEntries().get(2).end());
        MemoryObject kobj = ks.getEntries().get(0).getObject();
        assertEquals(ObjectKind.KERNEL, kobj.getKind());
        assertEquals("kernel", kobj.getName());
        for (MapEntry e : ks.getEntries()) {
            assertSame(kobj, e.getObject(), "one MemoryObject per kernel object");
            assertNull(e.getAmap());
        }
        assertEquals(1, s.getObjects().size());
        assertEquals(ks.getEntries().stream().mapToLong(MapEntry::getSize).sum(), ks.mappedBytes());
    }

    @Test
    void kmallocClassesAddUpToTheAllocatedBytes() throws Exception {
        SimKernel k = SimKernel.boot(Machine.standard(Arch.RISCV64, 64 << 20));
        long a = k.kmalloc().kmalloc(100);
        long b = k.kmalloc().kmalloc(3000);
        assertTrue(a != 0 && b != 0);
        State s = StateBuilder.build(k);
        Kmalloc km = s.getKmalloc();
        assertEquals(k.kmalloc().allocBytes(), km.getAllocBytes());
        // 128 + 4096 handed out, plus one 128-byte header (hdridx 7 on 64-bit) for the new 4 KiB class zone; the
        // 128-byte block comes from the static first zone, which is the header class itself
        assertEquals(128 + 4096 + 128, km.getAllocBytes());
        long used = 0;
        for (KmallocClass c : km.getClasses()) {
            assertEquals(1L << c.getIndex(), c.getBlockSize());
            long u = 0;
            long t = 0;
            for (Zone z : c.getZones()) {
                assertEquals(c.getBlockSize(), z.getBlockSize());
                u += z.getUsed();
                t += z.getBlocks();
                VmZone real = k.kmalloc().zoneOf(z.getVaddr());
                assertNotNull(real);
                assertEquals(real.used(), z.getUsed());
                assertEquals(real.pages().addr(), z.getPaddr());
            }
            assertEquals(u, c.getUsedBlocks());
            assertEquals(t, c.getTotalBlocks());
            used += c.getUsedBlocks() * c.getBlockSize();
        }
        assertEquals(km.getAllocBytes(), used);
        assertEquals(List.of(7, 12), km.getClasses().stream().map(KmallocClass::getIndex).toList());
        assertEquals(7, km.getHdrIdx());
    }

    @Test
    void userMapsBringTheirObjectsAndAmaps() throws Exception {
        SimKernel k = SimKernel.boot(Machine.standard(Arch.IA32, 16 << 20));
        VmMap user = k.createUserMap();
        long heap = user.mmap(0, null, 0x5000, RW | Mman.PROT_USER, null, -1, 0);
        assertTrue(heap != 0);
        State s = StateBuilder.of(k).addressSpace(3, "psh", user).build();
        assertEquals(2, s.getAddressSpaces().size());
        AddressSpace us = s.getAddressSpaces().get(1);
        assertEquals(3, us.getPid());
        assertEquals("psh", us.getName());
        assertFalse(us.isKernel());
        assertEquals(user.pdirPage().addr(), us.getPdir());
        assertEquals(1, us.getEntries().size());
        MapEntry e = us.getEntries().get(0);
        assertEquals(heap, e.getVaddr());
        assertEquals(0x5000, e.getSize());
        assertEquals(-1, e.getOffset());
        assertNull(e.getObject());
        assertNotNull(e.getAmap());
        assertEquals(5, e.getAnonCount(), "every page was populated");
        Amap am = e.getAmap();
        assertEquals(5, am.getAnonCount());
        assertEquals(0, am.getSharedAnonCount());
        assertEquals(1, am.getRefs());
        assertEquals(user.entries().get(0).amap().size(), am.getSize());
        assertEquals(List.of(am), s.getAmaps());
    }

    @Test
    void thePictureIsReadOnlyAndDoesNotFollowTheKernel() throws Exception {
        SimKernel k = SimKernel.boot(Machine.standard(Arch.IA32, 16 << 20));
        State s = StateBuilder.build(k);
        long free = s.getPhysicalMemory().getFreeBytes();
        int entries = s.getAddressSpaces().get(0).getEntries().size();
        assertTrue(ReadOnly.isFrozen(s));
        // the guard reports the first change (after EMF made it): each attempt on a fresh picture
        assertThrows(IllegalStateException.class, () -> StateBuilder.build(k).getPhysicalMemory().setFreeBytes(0));
        assertThrows(IllegalStateException.class,
                () -> StateBuilder.build(k).getAddressSpaces().get(0).getEntries().clear());
        assertThrows(IllegalStateException.class,
                () -> StateBuilder.build(k).getAddressSpaces().get(0).getEntries().get(0).getObject().setRefs(9));
        assertThrows(IllegalStateException.class, () -> StateBuilder.build(k).getTarget().getRamBanks().get(0)
                .setSize(1));

        assertTrue(k.kmap().mmap(0, null, 0x3000, RW, null, -1, 0) != 0);
        assertEquals(free, s.getPhysicalMemory().getFreeBytes());
        assertEquals(entries, s.getAddressSpaces().get(0).getEntries().size());
    }

    @Test
    void nommuTargetsHaveTokensAndNoRuns() throws Exception {
        SimKernel k = SimKernel.boot(Machine.standard(Arch.ARMV7M, 256 << 10));
        State s = StateBuilder.build(k);
        PhysicalMemory pm = s.getPhysicalMemory();
        assertFalse(s.getTarget().isMmu());
        assertEquals(512, s.getTarget().getPageSize());
        assertEquals(0, pm.getRuns().size());
        assertEquals(k.tokens().tokenCount(), pm.getPageCount());
        assertEquals(k.tokens().queuedTokens(), pm.getFreeTokens());
        assertEquals(k.freeBytes(), pm.getFreeBytes());
        assertNull(s.getKmalloc());
        assertEquals(k.kmap().entries().size(), s.getAddressSpaces().get(0).getEntries().size());
    }

    @Test
    void checksFindingsAreMirroredAsProblems() throws Exception {
        SimKernel k = SimKernel.boot(Machine.standard(Arch.IA32, 16 << 20));
        VmMap user = k.createUserMap();
        List<org.vmscope.model.check.Problem> expected = Checks.run(SimStates.of(k).map("pid 3", user).capture());
        State s = StateBuilder.of(k).addressSpace(3, "psh", user).withChecks().build();
        assertEquals(expected.size(), s.getProblems().size());
        for (int i = 0; i < expected.size(); i++) {
            Problem p = s.getProblems().get(i);
            assertEquals(expected.get(i).code().name(), p.getCode());
            assertEquals(expected.get(i).subject(), p.getSubject());
            assertEquals(expected.get(i).message(), p.getMessage());
            assertEquals(expected.get(i).isError(), p.getSeverity() == Severity.ERROR);
        }
        org.vmscope.model.check.Problem made = org.vmscope.model.check.Problem.of(
                org.vmscope.model.check.ProblemCode.PAGE_ALLOC_MISMATCH, "page_t @0x1000", "made up");
        State t = StateBuilder.of(k).problems(List.of(made)).build();
        assertEquals(1, t.getProblems().size());
        assertEquals("PAGE_ALLOC_MISMATCH", t.getProblems().get(0).getCode());
        assertEquals("page_t @0x1000", t.getProblems().get(0).getSubject());
        assertEquals(Severity.ERROR, t.getProblems().get(0).getSeverity());
    }
}
