package org.vmscope.bridge.sim;

import org.vmscope.model.phys.MemoryAccessException;
import org.vmscope.model.phys.RamBank;
import org.vmscope.model.phys.SimPhysicalMemory;

/**
 * Physical memory as QEMU's debug accesses see it: RAM bytes where there is RAM and zeros in the holes
 * (QEMU's gdbstub reads unassigned physical memory as zeros, without an error).
 */
final class PhysView {
    private final SimPhysicalMemory mem;

    PhysView(SimPhysicalMemory mem) {
        this.mem = mem;
    }

    SimPhysicalMemory memory() {
        return mem;
    }

    boolean isRam(long pa, long length) {
        return mem.isRam(pa, length);
    }

    /** Reads {@code length} bytes; holes read as zeros. */
    byte[] readLenient(long pa, int length) {
        byte[] out = new byte[length];
        for (RamBank b : mem.banks()) {
            long[] o = overlap(b, pa, length);
            if (o == null) {
                continue;
            }
            try {
                byte[] part = mem.read(o[0], (int) o[1]);
                System.arraycopy(part, 0, out, (int) (o[0] - pa), part.length);
            } catch (MemoryAccessException e) {
                // inside a bank by construction; a hole stays zero
            }
        }
        return out;
    }

    /** The part of {@code [pa, pa+length)} inside bank {@code b} as {start, length}, or null. */
    private static long[] overlap(RamBank b, long pa, long length) {
        if (length <= 0) {
            return null;
        }
        long last = pa + length - 1;
        long bankLast = b.base() + b.size() - 1;
        long start = Long.compareUnsigned(pa, b.base()) > 0 ? pa : b.base();
        long end = Long.compareUnsigned(last, bankLast) < 0 ? last : bankLast;
        if (Long.compareUnsigned(start, end) > 0) {
            return null;
        }
        if (Long.compareUnsigned(last, pa) < 0) {
            return null; // wraps the address space: QEMU would not read it either
        }
        return new long[] {start, end - start + 1};
    }
}
