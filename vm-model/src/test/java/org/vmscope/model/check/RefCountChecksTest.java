package org.vmscope.model.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.vmscope.model.check.CheckFixture.PAGE;
import static org.vmscope.model.check.CheckFixture.RU;
import static org.vmscope.model.check.CheckFixture.RWU;
import static org.vmscope.model.check.CheckFixture.USER;
import static org.vmscope.model.check.CheckFixture.assertCodes;
import static org.vmscope.model.check.CheckFixture.assertHealthy;
import static org.vmscope.model.check.CheckFixture.assertNames;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vmscope.model.amap.Amap;
import org.vmscope.model.kernel.SoftPmap;
import org.vmscope.model.map.MapEntry;
import org.vmscope.model.map.VmMap;
import org.vmscope.model.object.Pager;
import org.vmscope.model.object.VmObject;

class RefCountChecksTest {
    private CheckFixture f;
    private VmMap child;
    private VmObject file;

    /** A 2-page file whose bytes are its offset's page number. */
    private static final Pager PAGER = new Pager() {
        @Override
        public long size(int port, long id) {
            return 2 * PAGE;
        }

        @Override
        public int read(int port, long id, long offs, byte[] page) {
            Arrays.fill(page, (byte) (offs / PAGE));
            return 0;
        }
    };

    @BeforeEach
    void parentAndForkedChild() throws Exception {
        f = CheckFixture.soft();
        // parent: [0x1000,0x3000) rw- anonymous and [0x3000,0x4000) r-- anonymous sharing its amap; a file
        f.user.mmap(0, null, 2 * PAGE, RWU, null, -1, 0);
        f.user.mmap(0, null, PAGE, RU, null, -1, 0);
        file = VmObject.file(2, 77, 2 * PAGE, PAGE, PAGER);
        f.user.mmap(0x10000000L, null, 2 * PAGE, RU, file, 0, 0);
        child = f.k.createMap(0x1000, 0xC0000000L, root -> new SoftPmap(root, PAGE, 0x400000));
        assertEquals(0, child.copyFrom(f.user));
        assertHealthy(Checks.run(state()));
    }

    private KernelState state() {
        return SimStates.of(f.k).map("pid 1", f.user).map("pid 2", child).baseline(f.boot).capture();
    }

    @Test
    void sharedReadOnlyPageHasOneReferencePerTwin() {
        KernelState st = state();
        EntryState ro = st.map(USER).inOrder().get(1);
        AmapState a = st.amaps().get(ro.amap());
        // parent rw- entry, parent r-- entry and the child's r-- copy hold the amap; the rw- copy un-shared it
        assertEquals(3, a.refs());
        AnonState anon = st.anons().get(a.slot(2));
        assertEquals(2, anon.refs(), "parent and child slices cover slot 2");
        ObjectState o = st.objects().get(st.map(USER).inOrder().get(2).object());
        assertEquals(2, o.refs(), "one entry in each map");
    }

    @Test
    void leakedAmapReferenceIsReported() {
        MapEntry e = f.user.entryAt(0x1000);
        Amap.ref(e.amap());
        KernelState st = state();
        String label = st.amaps().get(st.map(USER).inOrder().get(0).amap()).label();
        List<Problem> ps = Checks.run(st);
        assertCodes(CheckFixture.errors(ps), ProblemCode.AMAP_REFS_MISMATCH);
        assertNames(ps, ProblemCode.AMAP_REFS_MISMATCH, label);
    }

    @Test
    void extraAnonReferenceIsReported() {
        MapEntry e = f.user.entryAt(0x3000);
        Amap.getAnons(e.amap(), e.aoffs(), PAGE, PAGE); // fork's amap_getanons without a twin
        KernelState st = state();
        AmapState a = st.amaps().get(st.map(USER).inOrder().get(1).amap());
        AnonState anon = st.anons().get(a.slot(2));
        List<Problem> ps = Checks.run(st);
        assertCodes(CheckFixture.errors(ps), ProblemCode.ANON_REFS_MISMATCH);
        assertNames(ps, ProblemCode.ANON_REFS_MISMATCH, anon.label());
        assertEquals("refs 3, but 2 live amap slots hold it", ps.get(0).message());
    }

    @Test
    void objectReferencesBelowTheirHoldersAreAnError() {
        KernelState st = state();
        ObjectState o = st.objects().get(st.map(USER).inOrder().get(2).object());
        o.refs = 1;
        List<Problem> ps = Checks.refCounts(st);
        assertCodes(ps, ProblemCode.OBJECT_REFS_MISMATCH);
        assertEquals(Severity.ERROR, ps.get(0).severity());
        assertEquals("object file 2.77", ps.get(0).subject());
    }

    @Test
    void objectReferencesAboveTheirHoldersAreAWarning() {
        VmObject.ref(file); // a syscall's own reference, or a leak
        List<Problem> ps = Checks.run(state());
        assertCodes(ps, ProblemCode.OBJECT_REFS_MISMATCH);
        assertEquals(Severity.WARNING, ps.get(0).severity());
    }

    @Test
    void munmapLeavesDanglingSlotsAsAWarning() throws Exception {
        CheckFixture g = CheckFixture.soft().typicalOps(); // 8 pages at 0x1000, pages 2-3 unmapped
        KernelState st = g.state();
        AmapState a = st.amaps().get(st.map(USER).inOrder().get(0).amap());
        List<Problem> ps = Checks.run(st);
        assertCodes(ps, ProblemCode.AMAP_DANGLING_SLOT);
        assertEquals(Severity.WARNING, ps.get(0).severity());
        assertEquals(a.label() + " slots 2-3", ps.get(0).subject());
        // _map_map clears them when the hole is mapped again
        assertEquals(0x3000L, g.user.mmap(0x3000, null, 2 * PAGE, RWU, null, -1, 0));
        assertEquals(List.of(), Checks.run(g.state()));
    }
}
