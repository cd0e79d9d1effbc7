package org.vmscope.model.pmap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.vmscope.model.phys.MemoryAccessException;
import org.vmscope.model.phys.PhysReader;
import org.vmscope.model.phys.RamBank;
import org.vmscope.model.phys.SimPhysicalMemory;

/** Test fixture: RAM, a bump allocator for table frames, and page_map's retry loop. */
final class SimTarget {
    final SimPhysicalMemory mem;
    private long nextFrame;
    private final long frameEnd;
    final List<Long> tableFrames = new ArrayList<>();

    SimTarget(long ramBase, long ramSize, long tableBase, long tableEnd) {
        this.mem = new SimPhysicalMemory(List.of(new RamBank(ramBase, ramSize)));
        this.nextFrame = tableBase;
        this.frameEnd = tableEnd;
    }

    long frame() {
        if (nextFrame >= frameEnd) {
            throw new IllegalStateException("out of table frames");
        }
        long f = nextFrame;
        nextFrame += 0x1000;
        return f;
    }

    /** {@code page_map}: retry pmap_enter with a fresh frame while it asks for one (bounded). */
    int map(Pmap pmap, long va, long pa, int attr) {
        int r = pmap.enter(pa, va, attr, -1);
        for (int i = 0; i < 6 && (r == Pmap.NEEDS_TABLE || r == TablePmap.ENOMEM); i++) {
            long f = frame();
            tableFrames.add(f);
            r = pmap.enter(pa, va, attr, f);
        }
        return r;
    }

    void write32(long pa, long v, boolean bigEndian) throws MemoryAccessException {
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            int sh = bigEndian ? (3 - i) * 8 : i * 8;
            b[i] = (byte) (v >>> sh);
        }
        mem.write(pa, b);
    }

    void write64(long pa, long v) throws MemoryAccessException {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (v >>> (8 * i));
        }
        mem.write(pa, b);
    }

    /** Expands walked ranges into a page map (va → pa), 4 KiB granularity. */
    static Map<Long, Long> pages(AddressSpaceWalk w) {
        Map<Long, Long> out = new TreeMap<>(Long::compareUnsigned);
        for (MappedRange r : w.ranges()) {
            for (long off = 0; Long.compareUnsigned(off, r.size()) < 0; off += 0x1000) {
                out.put(r.va() + off, r.pa() + off);
            }
        }
        return out;
    }

    /** A reader that counts reads and can be told to throw. */
    static final class CountingReader implements PhysReader {
        final PhysReader inner;
        int reads;
        boolean explode;

        CountingReader(PhysReader inner) {
            this.inner = inner;
        }

        @Override
        public byte[] read(long pa, int length) throws MemoryAccessException {
            reads++;
            if (explode) {
                throw new IllegalStateException("connection lost");
            }
            return inner.read(pa, length);
        }

        @Override
        public boolean isRam(long pa, long length) {
            return inner.isRam(pa, length);
        }
    }
}
