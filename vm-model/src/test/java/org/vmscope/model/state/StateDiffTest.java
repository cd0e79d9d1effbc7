package org.vmscope.model.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmscope.model.Arch;
import org.vmscope.model.kernel.Machine;
import org.vmscope.model.kernel.SimKernel;
import org.vmscope.model.map.Mman;
import org.vmscope.model.map.VmMap;
import org.vmscope.model.object.Pager;
import org.vmscope.model.object.VmObject;
import org.vmscope.model.page.PageFlags;
import org.vmscope.model.state.build.StateBuilder;
import org.vmscope.model.state.data.PageRunTable;
import org.vmscope.model.state.diff.StateDiff;
import org.vmscope.model.state.diff.StateDiff.ClassChange;
import org.vmscope.model.state.diff.StateDiff.EntryChange;
import org.vmscope.model.state.diff.StateDiff.EntryChangeKind;
import org.vmscope.model.state.diff.StateDiff.ObjectChange;
import org.vmscope.model.state.snapshot.Snapshots;

class StateDiffTest {
    private static final int RW = Mman.PROT_READ | Mman.PROT_WRITE;
    private static final int RWU = RW | Mman.PROT_USER;

    @TempDir
    Path dir;

    @Test
    void mmapOfNPagesInTheKernelMapIsNPagesAndOneEntry() throws Exception {
        for (Arch arch : new Arch[] {Arch.IA32, Arch.RISCV64}) {
            SimKernel k = SimKernel.boot(Machine.standard(arch, 16 << 20));
            State before = StateBuilder.build(k);
            int n = 5;
            long va = k.kmap().mmap(0, null, n * 4096L, RW, null, -1, Mman.MAP_NONE);
            assertTrue(va != 0);
            State after = StateBuilder.build(k);
            StateDiff d = StateDiff.between(before, after);

            assertEquals(n, d.pagesAllocated(), arch + ": mmap populates every page and nothing else");
            assertEquals(n, d.pagesAllocated('A'));
            assertEquals(List.of(new StateDiff.PageChange('A', n, n * 4096L)), d.allocated());
            assertEquals(0, d.pagesFreed());
            assertEquals(1, d.entries().size());
            EntryChange e = d.entries().get(0);
            assertEquals(EntryChangeKind.ADDED, e.kind());
            assertEquals(-1, e.pid());
            assertEquals(va, e.vaddr());
            assertEquals(n * 4096L, e.after().getSize());
            assertNull(e.before());
            assertEquals(1, d.entryPoolUsedAfter() - d.entryPoolUsedBefore());
            assertTrue(d.spacesAdded().isEmpty() && d.spacesRemoved().isEmpty());
            assertTrue(d.kmallocClasses().isEmpty());
            assertFalse(d.isEmpty());

            // and back: munmap frees the same pages and removes the entry
            assertEquals(0, k.kmap().munmap(va, n * 4096L));
            StateDiff back = StateDiff.between(after, StateBuilder.build(k));
            assertEquals(n, back.pagesFreed('A'));
            assertEquals(0, back.pagesAllocated());
            assertEquals(1, back.entries(EntryChangeKind.REMOVED).size());
            assertEquals(va, back.entries(EntryChangeKind.REMOVED).get(0).vaddr());
        }
    }

    @Test
    void theReportSaysWhatChanged() throws Exception {
        SimKernel k = SimKernel.boot(Machine.standard(Arch.IA32, 16 << 20));
        State before = StateBuilder.build(k);
        long va = k.kmap().mmap(0, null, 4 * 4096L, RW, null, -1, Mman.MAP_NONE);
        String text = StateDiff.between(before, StateBuilder.build(k)).toText();
        String range = String.format("%08x-%08x", va, va + 4 * 4096 - 1);
        assertEquals("pages: 4 allocated, 0 freed (net +16 KiB)\n"
                + "  + A app                   4 pages     16 KiB\n"
                + "entries:\n"
                + "  + kernel  " + range + " rw-  anonymous\n"
                + "entry pool: 3 -> 4 of " + k.entryPool().total() + " used\n", text);
    }

    @Test
    void samePictureOrItsSnapshotHasNoDifferences() throws Exception {
        SimKernel k = SimKernel.boot(Machine.standard(Arch.RISCV64, 32 << 20));
        State s = StateBuilder.build(k);
        Path f = dir.resolve("s.vmsnap");
        Snapshots.save(s, f);
        StateDiff d = StateDiff.between(s, Snapshots.load(f));
        assertTrue(d.isEmpty());
        assertEquals("no differences\n", d.toText());
        assertTrue(StateDiff.between(s, StateBuilder.build(k)).isEmpty());
    }

    @Test
    void kmallocZonesShowAsClassesHeapPagesAndAWiderKernelEntry() throws Exception {
        SimKernel k = SimKernel.boot(Machine.standard(Arch.IA32, 16 << 20));
        State before = StateBuilder.build(k);
        assertTrue(k.kmalloc().kmalloc(3000) != 0);
        StateDiff d = StateDiff.between(before, StateBuilder.build(k));
        // a new 4 KiB class zone: one KERNEL|HEAP page, one 64-byte header block from the first zone
        assertEquals(1, d.pagesAllocated('H'));
        assertEquals(1, d.pagesAllocated());
        assertEquals(List.of(new ClassChange(6, 64, 0, 1, 64, 64), new ClassChange(12, 4096, 0, 1, 0, 1)),
                d.kmallocClasses());
        assertEquals(0, d.kmallocBytesBefore());
        assertEquals(4096 + 64, d.kmallocBytesAfter());
        // the zone page is mapped right after the heap entry, which grows (same object, same rights)
        assertEquals(1, d.entries().size());
        assertEquals(EntryChangeKind.CHANGED, d.entries().get(0).kind());
        assertTrue(d.entries().get(0).what().get(0).startsWith("size "), d.entries().get(0).what().toString());
        assertTrue(d.toText().contains("  class 12 (4 KiB): used 0 -> 1 of 0 -> 1 blocks\n"), d.toText());
    }

    @Test
    void processesObjectsAndEntryFieldsAreCompared() throws Exception {
        SimKernel k = SimKernel.boot(Machine.standard(Arch.IA32, 16 << 20));
        State empty = StateBuilder.build(k);
        VmMap user = k.createUserMap();
        long heap = user.mmap(0, null, 0x4000, RWU, null, -1, 0);
        Pager zeros = new Pager() {
            @Override
            public long size(int port, long id) {
                return 0x2000;
            }

            @Override
            public int read(int port, long id, long offs, byte[] page) {
                return 0;
            }
        };
        VmObject file = VmObject.file(2, 5, 0x2000, 4096, zeros); // mmap takes the references
        long text = user.mmap(0, null, 0x2000, Mman.PROT_READ | Mman.PROT_USER, file, 0, 0);
        State one = StateBuilder.of(k).addressSpace(3, "psh", user).build();

        StateDiff born = StateDiff.between(empty, one);
        assertEquals(List.of(new StateDiff.Space(3, "psh")), born.spacesAdded());
        assertEquals(2, born.entries(EntryChangeKind.ADDED).stream().filter(e -> e.pid() == 3).count());
        assertEquals(List.of(new ObjectChange("file 2.5", -1, 1, -1, 2)), born.objects());

        assertTrue(user.mmap(0, null, 0x2000, Mman.PROT_READ | Mman.PROT_USER, file, 0, 0) != 0);
        assertEquals(0, user.mprotect(heap, 0x4000, Mman.PROT_READ | Mman.PROT_USER));
        State two = StateBuilder.of(k).addressSpace(3, "psh", user).build();
        StateDiff d = StateDiff.between(one, two);
        assertEquals(List.of(new ObjectChange("file 2.5", 1, 2, 2, 2)), d.objects());
        EntryChange prot = d.entries(EntryChangeKind.CHANGED).stream().filter(e -> e.vaddr() == heap).findFirst()
                .orElseThrow();
        assertEquals(List.of("prot rw-u -> r--u"), prot.what());
        assertEquals(0, d.pagesAllocated() - d.pagesAllocated('P'), "the file's pages were cached already");
        assertTrue(text != 0);

        StateDiff gone = StateDiff.between(two, StateBuilder.build(k));
        assertEquals(List.of(new StateDiff.Space(3, "psh")), gone.spacesRemoved());
        assertTrue(gone.toText().contains("address spaces:\n  - pid 3 psh\n"), gone.toText());
    }

    // ------------------------------------------------------------------ the frame sweep against a per-frame oracle

    private static PageRunTable randomTable(Random r, long ps) {
        PageRunTable.Builder b = new PageRunTable.Builder(12);
        long a = (r.nextInt(8)) * ps;
        int runs = 1 + r.nextInt(12);
        for (int i = 0; i < runs; i++) {
            a += r.nextInt(3) == 0 ? r.nextInt(4) * ps : 0; // holes
            long n = 1 + r.nextInt(6);
            int[] choices = {PageFlags.FREE, PageFlags.OWNER_APP, PageFlags.OWNER_KERNEL | PageFlags.KERNEL_PTABLE,
                PageFlags.OWNER_KERNEL | PageFlags.KERNEL_HEAP, PageFlags.FREE | PageFlags.OWNER_APP};
            b.add(a, n, choices[r.nextInt(choices.length)]);
            a += n * ps;
        }
        return b.build();
    }

    private static Map<Long, Integer> frames(PageRunTable t) {
        Map<Long, Integer> m = new HashMap<>();
        for (int i = 0; i < t.size(); i++) {
            for (long a = t.addr(i); a < t.end(i); a += t.pageSize()) {
                m.put(a, t.flags(i));
            }
        }
        return m;
    }

    private static State withRuns(PageRunTable t) {
        State s = StateFactory.eINSTANCE.createState();
        Target tg = StateFactory.eINSTANCE.createTarget();
        tg.setPageSize(4096);
        tg.setPointerSize(4);
        s.setTarget(tg);
        PhysicalMemory pm = StateFactory.eINSTANCE.createPhysicalMemory();
        pm.setRuns(t);
        s.setPhysicalMemory(pm);
        return s;
    }

    @Test
    void frameSweepAgreesWithAFrameByFrameComparison() {
        Random r = new Random(20240611);
        for (int round = 0; round < 500; round++) {
            PageRunTable a = randomTable(r, 4096);
            PageRunTable b = randomTable(r, 4096);
            Map<Long, Integer> fa = frames(a);
            Map<Long, Integer> fb = frames(b);
            Map<Character, Long> alloc = new TreeMap<>();
            Map<Character, Long> freed = new TreeMap<>();
            long onlyA = 0;
            long onlyB = 0;
            for (var e : fa.entrySet()) {
                Integer y = fb.get(e.getKey());
                if (y == null) {
                    onlyA++;
                    continue;
                }
                char ma = PageFlags.marker(e.getValue());
                char mb = PageFlags.marker(y);
                if (ma == '.' && mb != '.') {
                    alloc.merge(mb, 1L, Long::sum);
                } else if (ma != '.' && mb == '.') {
                    freed.merge(ma, 1L, Long::sum);
                } else if (ma != mb) {
                    alloc.merge(mb, 1L, Long::sum);
                    freed.merge(ma, 1L, Long::sum);
                }
            }
            for (long k : fb.keySet()) {
                if (!fa.containsKey(k)) {
                    onlyB++;
                }
            }
            StateDiff d = StateDiff.between(withRuns(a), withRuns(b));
            Map<Character, Long> gotAlloc = new TreeMap<>();
            d.allocated().forEach(p -> gotAlloc.put(p.marker(), p.pages()));
            Map<Character, Long> gotFreed = new TreeMap<>();
            d.freed().forEach(p -> gotFreed.put(p.marker(), p.pages()));
            String ctx = a + " vs " + b;
            assertEquals(alloc, gotAlloc, ctx);
            assertEquals(freed, gotFreed, ctx);
            assertEquals(onlyA, d.pagesOnlyBefore(), ctx);
            assertEquals(onlyB, d.pagesOnlyAfter(), ctx);
        }
    }
}
