package org.vmscope.bridge.mirror;

import java.util.Map;
import java.util.TreeMap;

import org.vmscope.model.phys.MemoryAccessException;
import org.vmscope.model.phys.PhysReader;

/**
 * What one stop read of physical memory, kept after the target resumed: every byte the stop cache held
 * (the page tables walked, the kernel structures decoded). Reading it never touches the target, so views
 * can walk and translate at leisure while the target runs; bytes the stop did not read are refused with a
 * reason, never guessed.
 */
public final class StopMemory implements PhysReader {
    private final RamLayout ram;
    private final TreeMap<Long, byte[]> runs = new TreeMap<>(Long::compareUnsigned);
    private final long bytes;

    private StopMemory(RamLayout ram, Map<Long, byte[]> copied) {
        this.ram = ram;
        this.runs.putAll(copied);
        long sum = 0;
        for (byte[] b : copied.values()) {
            sum += b.length;
        }
        this.bytes = sum;
    }

    /** Copies what {@code reader}'s stop cache holds now; costs no round trip. */
    public static StopMemory of(GdbPhysReader reader) {
        Map<Long, byte[]> copied = new TreeMap<>(Long::compareUnsigned);
        for (PhysRange r : reader.cachedRuns()) {
            try {
                copied.put(r.pa(), reader.read(r.pa(), r.length()));
            } catch (MemoryAccessException e) {
                // cached runs are RAM and cached by definition; a refusal here means the run is unusable
            }
        }
        return new StopMemory(reader.ram(), copied);
    }

    /** Bytes kept. */
    public long bytes() {
        return bytes;
    }

    @Override
    public boolean isRam(long pa, long length) {
        return ram.contains(pa, length);
    }

    @Override
    public byte[] read(long pa, int length) throws MemoryAccessException {
        if (length < 0) {
            throw new MemoryAccessException(pa, "negative length " + length);
        }
        if (!ram.contains(pa, length)) {
            throw new MemoryAccessException(pa, "outside RAM (" + length + " bytes); not read");
        }
        Map.Entry<Long, byte[]> run = runs.floorEntry(pa);
        if (run != null) {
            long off = pa - run.getKey();
            if (off >= 0 && off + length <= run.getValue().length) {
                byte[] out = new byte[length];
                System.arraycopy(run.getValue(), (int) off, out, 0, length);
                return out;
            }
        }
        throw new MemoryAccessException(pa, "not read at this stop (" + length
                + " bytes); the target has resumed, stop it again to read more");
    }
}
