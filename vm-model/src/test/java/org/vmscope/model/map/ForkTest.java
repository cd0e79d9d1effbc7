package org.vmscope.model.map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.vmscope.model.map.MapFixture.R;
import static org.vmscope.model.map.MapFixture.RW;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.vmscope.model.psh.PshMem;

class ForkTest {

    /** Parent: [0x1000,0x3000) RW anonymous and [0x3000,0x4000) R anonymous sharing its amap. */
    private static VmMap parent(MapFixture f) throws Exception {
        f.map.mmap(0, null, 0x2000, RW, null, -1, 0);
        f.map.mmap(0, null, 0x1000, R, null, -1, 0);
        f.phys.write(f.pmap.resolve(0x1000), new byte[] {42, 43});
        return f.map;
    }

    @Test
    void forkCopiesWritablePagesAndSharesReadOnlyOnes() throws Exception {
        MapFixture f = new MapFixture();
        VmMap p = parent(f);
        FakePmap childPmap = new FakePmap(0);
        VmMap c = new VmMap(f.ctx, 0x1000, 0xC0000000L, childPmap);
        assertEquals(Errno.EOK, c.copyFrom(p));
        List<MapEntry> pe = p.entries();
        List<MapEntry> ce = c.entries();
        assertEquals(2, ce.size());
        assertEquals(Mman.MAP_NEEDSCOPY, pe.get(0).flags(), "writable parent entry needs copy");
        assertEquals(0, pe.get(1).flags(), "read-only entries are shared as they are");
        assertEquals(0, ce.get(0).flags(), "the child's populate already un-shared it");
        assertNotSame(pe.get(0).amap(), ce.get(0).amap());
        assertSame(pe.get(1).amap(), ce.get(1).amap());
        // 3 parent frames + 2 private copies for the child; the read-only page is shared
        assertEquals(5 * 0x1000L, f.pages.allocBytes());
        assertNotEquals(p.pmap().resolve(0x1000), childPmap.resolve(0x1000));
        assertEquals(p.pmap().resolve(0x3000), childPmap.resolve(0x3000));
        assertArrayEquals(new byte[] {42, 43}, f.phys.read(childPmap.resolve(0x1000), 2), "COW copy");
        assertEquals(4, f.used());
        String b16 = " ".repeat(16);
        assertEquals("SEGMENT            PROT  FLAGS            OFFSET  OBJECT\n"
                + "00003000:00003fff  r--          " + b16 + "  (anonymous)\n"
                + "00001000:00002fff  rw-   C      " + b16 + "  (anonymous)\n", PshMem.map(p.info(), 4));
    }

    @Test
    void parentWriteAfterForkClearsNeedsCopyWithoutCopying() throws Exception {
        MapFixture f = new MapFixture();
        VmMap p = parent(f);
        VmMap c = new VmMap(f.ctx, 0x1000, 0xC0000000L, new FakePmap(0));
        c.copyFrom(p);
        long frame = p.pmap().resolve(0x1000);
        assertEquals(Errno.EOK, p.force(0x1000, Mman.PROT_WRITE));
        assertEquals(0, p.entries().get(0).flags());
        assertEquals(frame, p.pmap().resolve(0x1000), "its anon is exclusive again");
        assertEquals(5 * 0x1000L, f.pages.allocBytes());
    }

    @Test
    void destroyReleasesPrivatePagesAndEntries() throws Exception {
        MapFixture f = new MapFixture();
        VmMap p = parent(f);
        VmMap c = new VmMap(f.ctx, 0x1000, 0xC0000000L, new FakePmap(0));
        c.copyFrom(p);
        c.destroy();
        assertEquals(0, c.entries().size());
        assertEquals(3 * 0x1000L, f.pages.allocBytes(), "the shared read-only page survives");
        assertEquals(2, f.used());
    }

    @Test
    void noInheritEntriesAreSkipped() throws Exception {
        MapFixture f = new MapFixture();
        f.map.mapFind(0, 0x2000, Mman.MAP_NOINHERIT, RW);
        VmMap c = new VmMap(f.ctx, 0x1000, 0xC0000000L, new FakePmap(0));
        assertEquals(Errno.EOK, c.copyFrom(f.map));
        assertEquals(0, c.entries().size());
    }

    @Test
    void poolExhaustionDestroysTheChild() throws Exception {
        MapFixture f = new MapFixture(64, 3, 0);
        parent(f);
        VmMap c = new VmMap(f.ctx, 0x1000, 0xC0000000L, new FakePmap(0));
        assertEquals(Errno.ENOMEM, c.copyFrom(f.map));
        assertEquals(0, c.entries().size());
        assertEquals(2, f.used());
        assertEquals(3 * 0x1000L, f.pages.allocBytes());
    }
}
