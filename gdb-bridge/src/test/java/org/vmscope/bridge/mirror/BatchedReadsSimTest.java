package org.vmscope.bridge.mirror;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vmscope.bridge.kernel.KernelMemory;
import org.vmscope.bridge.rsp.RspServer;
import org.vmscope.model.pmap.PageAttr;
import org.vmscope.model.pmap.PageTableWalker;
import org.vmscope.model.pmap.PagingRoot;
import org.vmscope.model.pmap.RiscvFormat;

/**
 * The batching that keeps a whole-kernel mirror to few round trips, against our own RSP server: several roots'
 * tables prefetched together (shared tables once, walks afterwards free), and a multi-page kernel read fetched
 * as one read instead of one per page.
 */
@Timeout(60)
class BatchedReadsSimTest {
    private static final int P = PageAttr.PRESENT;
    private static final int R = PageAttr.READ;
    private static final int W = PageAttr.WRITE;
    private static final int U = PageAttr.USER;
    private static final long KVA = 0xffffffc080000000L;
    private static final long PAGE = 4096;

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final RiscvFormat sv39 = RiscvFormat.sv39();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private Mirror mirror(SimServedTarget t) throws Exception {
        RspServer s = new RspServer(t);
        toClose.add(s);
        s.start();
        Mirror m = Mirror.connect("127.0.0.1", s.port(), MirrorOptions.defaults());
        toClose.add(m);
        return m;
    }

    /** A kernel root with four pages at {@link #KVA}, and two user roots sharing its kernel-half table. */
    private long[] threeRoots(SimServedTarget t) {
        long kernel = t.newTable();
        for (int i = 0; i < 4; i++) {
            t.map(sv39, kernel, KVA + i * PAGE, 0x80800000L + i * PAGE, P | R | W, 2);
        }
        long[] roots = {kernel, t.newTable(), t.newTable()};
        long top = sv39.geometry().index(KVA, 0) * (long) sv39.geometry().entryBytes();
        byte[] shared = copy(t, kernel + top, sv39.geometry().entryBytes());
        for (int i = 1; i < 3; i++) {
            write(t, roots[i] + top, shared);
            t.map(sv39, roots[i], 0x2000L * i, 0x80900000L + i * PAGE, P | R | U, 2);
        }
        t.registers.put(1, sv39.satp(roots[1]));
        t.registers.put(2, 1L);
        return roots;
    }

    @Test
    void severalRootsArePrefetchedOneBatchPerLevelAndTheirWalksCostNothing() throws Exception {
        SimServedTarget t = SimServedTarget.riscv(16L << 20);
        long[] roots = threeRoots(t);
        Mirror m = mirror(t);
        m.paging();
        ReadStats before = m.memory().stats();
        List<PagingRoot> rs = List.of(new PagingRoot(sv39, roots[0]), new PagingRoot(sv39, roots[1]),
                new PagingRoot(sv39, roots[2]));
        m.prefetchTables(rs);
        ReadStats prefetch = m.memory().stats().since(before);
        // 3 roots, the shared kernel L1 and L0 (read once), an L1 and an L0 per user root
        assertEquals(9 * PAGE, prefetch.bytesRead(), prefetch.toString());
        assertTrue(prefetch.wireReads() <= 3, "at most one read per Sv39 level: " + prefetch);

        ReadStats afterPrefetch = m.memory().stats();
        PageTableWalker walker = new PageTableWalker(m.memory());
        for (PagingRoot r : rs) {
            assertTrue(walker.walk(r).problems().isEmpty());
        }
        assertEquals(0, m.memory().stats().since(afterPrefetch).wireReads(), "every table came from the stop cache");
    }

    @Test
    void aMultiPageKernelReadIsOneWireRead() throws Exception {
        SimServedTarget t = SimServedTarget.riscv(16L << 20);
        threeRoots(t);
        byte[] data = new byte[(int) (4 * PAGE)];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7 + i / 4096);
        }
        write(t, 0x80800000L, data);
        Mirror m = mirror(t);
        KernelMemory mem = new KernelMemory(m, ByteOrder.LITTLE_ENDIAN, 8);
        mem.physical(KVA); // the tables of the walk, cached for this stop
        ReadStats before = m.memory().stats();
        assertArrayEquals(java.util.Arrays.copyOfRange(data, 100, data.length),
                mem.read(KVA + 100, data.length - 100));
        ReadStats read = m.memory().stats().since(before);
        assertEquals(1, read.wireReads(), "four adjacent frames in one read: " + read);
        assertEquals(4 * PAGE, read.bytesRead());
    }

    private static byte[] copy(SimServedTarget t, long pa, int length) {
        try {
            return t.mem.read(pa, length);
        } catch (org.vmscope.model.phys.MemoryAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(SimServedTarget t, long pa, byte[] b) {
        try {
            t.mem.write(pa, b);
        } catch (org.vmscope.model.phys.MemoryAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
