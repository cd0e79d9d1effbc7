package org.vmscope.model.phys;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulated target's physical RAM. Storage is sparse: a 4 KiB chunk is allocated on its first
 * write, and unwritten RAM reads as zero, so a 4 GiB target costs only what it has touched.
 */
public final class SimPhysicalMemory implements PhysReader {
    private static final int CHUNK_SHIFT = 12;
    private static final int CHUNK = 1 << CHUNK_SHIFT;

    private final List<RamBank> banks;
    private final Map<Long, byte[]> chunks = new HashMap<>();

    public SimPhysicalMemory(List<RamBank> banks) {
        this.banks = List.copyOf(banks);
    }

    public List<RamBank> banks() {
        return banks;
    }

    @Override
    public boolean isRam(long pa, long length) {
        for (RamBank b : banks) {
            if (b.contains(pa, length)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public byte[] read(long pa, int length) throws MemoryAccessException {
        check(pa, length);
        byte[] out = new byte[length];
        int done = 0;
        while (done < length) {
            long a = pa + done;
            int inChunk = (int) (a & (CHUNK - 1));
            int n = Math.min(length - done, CHUNK - inChunk);
            byte[] c = chunks.get(a >>> CHUNK_SHIFT);
            if (c != null) {
                System.arraycopy(c, inChunk, out, done, n);
            }
            done += n;
        }
        return out;
    }

    public void write(long pa, byte[] data) throws MemoryAccessException {
        check(pa, data.length);
        int done = 0;
        while (done < data.length) {
            long a = pa + done;
            int inChunk = (int) (a & (CHUNK - 1));
            int n = Math.min(data.length - done, CHUNK - inChunk);
            byte[] c = chunks.computeIfAbsent(a >>> CHUNK_SHIFT, k -> new byte[CHUNK]);
            System.arraycopy(data, done, c, inChunk, n);
            done += n;
        }
    }

    /** Zeroes {@code [pa, pa+length)}, releasing whole chunks. */
    public void zero(long pa, long length) throws MemoryAccessException {
        check(pa, length);
        long a = pa;
        long end = pa + length;
        while (a < end) {
            int inChunk = (int) (a & (CHUNK - 1));
            long n = Math.min(end - a, CHUNK - inChunk);
            if (inChunk == 0 && n == CHUNK) {
                chunks.remove(a >>> CHUNK_SHIFT);
            } else {
                byte[] c = chunks.get(a >>> CHUNK_SHIFT);
                if (c != null) {
                    java.util.Arrays.fill(c, inChunk, inChunk + (int) n, (byte) 0);
                }
            }
            a += n;
        }
    }

    /** Bytes of host memory holding touched chunks. */
    public long residentBytes() {
        return (long) chunks.size() * CHUNK;
    }

    /** Touched chunk base addresses, for tests and snapshots. */
    public List<Long> touchedChunks() {
        List<Long> l = new ArrayList<>();
        for (Long k : chunks.keySet()) {
            l.add(k << CHUNK_SHIFT);
        }
        l.sort(Long::compareUnsigned);
        return l;
    }

    private void check(long pa, long length) throws MemoryAccessException {
        if (length < 0 || !isRam(pa, length)) {
            throw new MemoryAccessException(pa, "outside RAM (" + length + " bytes)");
        }
    }
}
