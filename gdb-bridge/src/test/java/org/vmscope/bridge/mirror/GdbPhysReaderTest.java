package org.vmscope.bridge.mirror;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vmscope.bridge.rsp.RspDisconnectedException;
import org.vmscope.bridge.rsp.RspException;
import org.vmscope.model.phys.MemoryAccessException;

/** The reader against a scripted channel: what reaches the wire, page by page. */
class GdbPhysReaderTest {

    /** Memory whose byte at {@code pa} is {@code pa * 7}; logs every request and every scope. */
    private static final class FakeChannel implements PhysicalChannel {
        final List<long[]> reads = new ArrayList<>();
        int scopes;
        boolean broken;

        @Override
        public String name() {
            return "fake";
        }

        @Override
        public <T> T inScope(Scoped<T> body) throws RspException {
            scopes++;
            return body.run();
        }

        @Override
        public byte[] read(long pa, int length) throws RspException {
            if (broken) {
                throw new RspDisconnectedException("gone");
            }
            reads.add(new long[] {pa, length});
            byte[] b = new byte[length];
            for (int i = 0; i < length; i++) {
                b[i] = (byte) ((pa + i) * 7);
            }
            return b;
        }
    }

    private static byte[] expected(long pa, int len) {
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) {
            b[i] = (byte) ((pa + i) * 7);
        }
        return b;
    }

    @Test
    void pagesAreClippedToTheBankAndReadOnce() throws Exception {
        FakeChannel ch = new FakeChannel();
        // RAM ends in the middle of page 0x2000
        GdbPhysReader r = new GdbPhysReader(ch, RamLayout.parse("0x1000:0x1800"), 1 << 20, null);
        assertArrayEquals(expected(0x1ff0, 0x20), r.read(0x1ff0, 0x20));
        assertEquals(1, ch.reads.size());
        assertArrayEquals(new long[] {0x1000, 0x1800}, ch.reads.get(0), "both pages in one read, cut at the end of RAM");
        assertArrayEquals(expected(0x27f0, 0x10), r.read(0x27f0, 0x10));
        assertThrows(MemoryAccessException.class, () -> r.read(0x27f0, 0x11));
        assertThrows(MemoryAccessException.class, () -> r.read(0x800, 0x10));
        assertEquals(1, ch.reads.size(), "refusals and hits never reach the channel");
        assertEquals(0x1800, r.stats().bytesRead());
        assertEquals(2, r.stats().refused());
        assertEquals(List.of(new PhysRange(0x1000, 0x1800)), r.cachedRuns());
        assertTrue(r.isCached(0x1000, 0x1800));
        r.invalidate();
        r.read(0x2000, 4);
        assertArrayEquals(new long[] {0x2000, 0x800}, ch.reads.get(1));
    }

    @Test
    void stopMemoryKeepsWhatTheStopReadAndNothingElse() throws Exception {
        FakeChannel ch = new FakeChannel();
        GdbPhysReader r = new GdbPhysReader(ch, RamLayout.parse("0x0:0x10000"), 1 << 20, null);
        r.read(0x1000, 8);
        r.read(0x3ff0, 0x20);
        StopMemory kept = StopMemory.of(r);
        int wire = ch.reads.size();
        assertEquals(3 * 4096, kept.bytes(), "whole cached pages: 0x1000 and 0x3000..0x5000");
        assertArrayEquals(expected(0x1ff8, 8), kept.read(0x1ff8, 8));
        assertArrayEquals(expected(0x3000, 0x2000), kept.read(0x3000, 0x2000), "one run across adjacent pages");
        MemoryAccessException unread = assertThrows(MemoryAccessException.class, () -> kept.read(0x2000, 4));
        assertTrue(unread.getMessage().contains("not read at this stop"), unread::getMessage);
        assertThrows(MemoryAccessException.class, () -> kept.read(0x1ffc, 8), "a read past the run's end");
        assertThrows(MemoryAccessException.class, () -> kept.read(0x20000, 4), "outside RAM");
        r.invalidate();
        assertArrayEquals(expected(0x1000, 8), kept.read(0x1000, 8), "the copy outlives the stop cache");
        assertEquals(wire, ch.reads.size(), "keeping and reading the copy never reaches the channel");
    }

    @Test
    void prefetchReadsThroughShortHolesOnly() throws Exception {
        FakeChannel ch = new FakeChannel();
        GdbPhysReader r = new GdbPhysReader(ch, RamLayout.parse("0x0:16M"), 1 << 24, null);
        r.prefetch(List.of(new PhysRange(0x10000, 8), new PhysRange(0x13000, 8), new PhysRange(0x40000, 4096),
                new PhysRange(0x2000000, 8)));
        // 0x10000..0x13fff in one read (hole of 2 pages), 0x40000 alone (hole too long), 0x2000000 is not RAM
        assertEquals(2, ch.reads.size());
        assertArrayEquals(new long[] {0x10000, 0x4000}, ch.reads.get(0));
        assertArrayEquals(new long[] {0x40000, 0x1000}, ch.reads.get(1));
        assertArrayEquals(expected(0x11ffc, 8), r.read(0x11ffc, 8));
        assertEquals(2, ch.reads.size());
    }

    @Test
    void oneScopePerSessionAndNoneInside() throws Exception {
        FakeChannel ch = new FakeChannel();
        GdbPhysReader r = new GdbPhysReader(ch, RamLayout.parse("0x0:1M"), 1 << 20, null);
        r.read(0, 4);
        r.read(0x3000, 4);
        assertEquals(2, ch.scopes, "a read outside a session opens its own scope");
        r.session(() -> {
            try {
                r.read(0x5000, 4);
                r.read(0x7000, 4);
            } catch (MemoryAccessException e) {
                throw new AssertionError(e);
            }
            return null;
        });
        assertEquals(3, ch.scopes);
    }

    @Test
    void budgetAndLossAreFinal() throws Exception {
        FakeChannel ch = new FakeChannel();
        GdbPhysReader r = new GdbPhysReader(ch, RamLayout.parse("0x0:1M"), 2 * 4096, null);
        r.read(0, 4);
        r.read(0x1000, 4);
        MemoryAccessException over = assertThrows(MemoryAccessException.class, () -> r.read(0x2000, 4));
        assertTrue(over.getMessage().contains("budget"), over.getMessage());
        GdbPhysReader lost = new GdbPhysReader(ch, RamLayout.parse("0x0:1M"), 1 << 20, null);
        ch.broken = true;
        assertThrows(MemoryAccessException.class, () -> lost.read(0, 4));
        assertTrue(lost.lost());
        ch.broken = false;
        assertThrows(MemoryAccessException.class, () -> lost.read(0x1000, 4), "no retry after a disconnect");
        assertEquals(2, ch.reads.size());
    }
}
