package org.vmscope.model.check;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.Set;

import org.vmscope.model.phys.MemoryAccessException;
import org.vmscope.model.phys.PhysReader;

/**
 * One zone (§3.11): the free-block list threaded through the blocks in RAM stays inside the zone, on block
 * boundaries, acyclic, and {@code blocks - used} long; the backing block is mapped by a kernel map entry.
 */
final class ZoneChecks {
    private ZoneChecks() {
    }

    static void run(ZoneState z, PhysReader phys, int pointerBytes, ByteOrder order, MapState kmap,
            ProblemSink sink) {
        if (z.used < 0 || z.used > z.blocks) {
            sink.add(ProblemCode.ZONE_COUNT_MISMATCH, z.label, "used %d of %d blocks", z.used, z.blocks);
        }
        if (z.blocks > 0 && z.blocksz > 0) {
            freeList(z, phys, pointerBytes, order, sink);
        }
        if (kmap != null && !mapped(z, kmap)) {
            sink.add(ProblemCode.ZONE_NOT_MAPPED, z.label, "no entry of the %s covers [0x%x, +0x%x)", kmap.name,
                    z.vaddr, z.blockBytes());
        }
    }

    private static void freeList(ZoneState z, PhysReader phys, int pointerBytes, ByteOrder order, ProblemSink sink) {
        Set<Long> seen = new HashSet<>();
        long b = z.first;
        while (b != 0) {
            if (!z.containsBlock(b) || Long.remainderUnsigned(b - z.vaddr, z.blocksz) != 0) {
                sink.add(ProblemCode.ZONE_FREE_LIST_CORRUPT, z.label, "free list reaches 0x%x, not a block of the zone",
                        b);
                return;
            }
            if (!seen.add(b)) {
                sink.add(ProblemCode.ZONE_FREE_LIST_CORRUPT, z.label, "free list loops back to block 0x%x", b);
                return;
            }
            try {
                b = readLink(phys, z.blockPa + (b - z.vaddr), pointerBytes, order);
            } catch (MemoryAccessException e) {
                sink.add(ProblemCode.ZONE_FREE_LIST_CORRUPT, z.label, "block 0x%x unreadable: %s", b, e.getMessage());
                return;
            }
        }
        if (seen.size() != z.blocks - z.used) {
            sink.add(ProblemCode.ZONE_COUNT_MISMATCH, z.label, "free list holds %d blocks, blocks - used = %d",
                    seen.size(), z.blocks - z.used);
        }
    }

    private static long readLink(PhysReader phys, long pa, int pointerBytes, ByteOrder order)
            throws MemoryAccessException {
        byte[] w = phys.read(pa, pointerBytes);
        ByteBuffer bb = ByteBuffer.wrap(w).order(order);
        return pointerBytes == 4 ? bb.getInt() & 0xffffffffL : bb.getLong();
    }

    private static boolean mapped(ZoneState z, MapState kmap) {
        long end = z.vaddr + z.blockBytes();
        for (EntryState e : kmap.nodes.values()) {
            if (e.contains(z.vaddr) && Long.compareUnsigned(end - e.vaddr, e.size) <= 0) {
                return true;
            }
        }
        return false;
    }
}
