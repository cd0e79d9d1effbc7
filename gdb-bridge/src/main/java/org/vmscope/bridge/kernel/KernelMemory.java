package org.vmscope.bridge.kernel;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.vmscope.bridge.mirror.Mirror;
import org.vmscope.bridge.mirror.MirrorException;
import org.vmscope.bridge.mirror.PhysRange;
import org.vmscope.bridge.mirror.VaTranslation;
import org.vmscope.model.phys.MemoryAccessException;

/**
 * Reads kernel virtual memory of a halted target: each 4 KiB page is translated once through the mirror's
 * page-table walk (the current root, which maps the kernel half) and read physically through the mirror's
 * {@link org.vmscope.bridge.mirror.GdbPhysReader}, so only RAM is ever read. Not thread-safe.
 */
public final class KernelMemory {
    private static final long PAGE = 4096;
    /** No single object read is larger than this; bigger requests mean a corrupt size. */
    public static final int MAX_READ = 16 << 20;

    private final Mirror mirror;
    private final ByteOrder order;
    private final int pointerBytes;
    private final Map<Long, Long> pageFrames = new HashMap<>();
    private final Map<Long, String> unmapped = new HashMap<>();

    public KernelMemory(Mirror mirror, ByteOrder order, int pointerBytes) {
        this.mirror = mirror;
        this.order = order;
        this.pointerBytes = pointerBytes;
    }

    public int pointerBytes() {
        return pointerBytes;
    }

    public ByteOrder order() {
        return order;
    }

    /** The physical address of a kernel VA. */
    public long physical(long va) throws KernelReadException {
        long page = va & -PAGE;
        Long frame = pageFrames.get(page);
        if (frame == null) {
            String known = unmapped.get(page);
            if (known != null) {
                throw new KernelReadException(va, known);
            }
            VaTranslation t;
            try {
                t = mirror.translate(page);
            } catch (MirrorException e) {
                throw new KernelReadException(va, "cannot translate: " + e.getMessage());
            }
            if (!t.mapped()) {
                String why = "not mapped" + (t.problems().isEmpty() ? "" : " (" + String.join("; ", t.problems()) + ")");
                unmapped.put(page, why);
                throw new KernelReadException(va, why);
            }
            frame = t.translation().pa() & -PAGE;
            pageFrames.put(page, frame);
        }
        return frame + (va & (PAGE - 1));
    }

    /** {@code length} bytes at a kernel VA. */
    public byte[] read(long va, long length) throws KernelReadException {
        if (length < 0 || length > MAX_READ) {
            throw new KernelReadException(va, "implausible read of " + length + " bytes");
        }
        if (pointerBytes == 4 && (va < 0 || va + length > 0x1_0000_0000L)) {
            throw new KernelReadException(va, "outside the 32-bit address space");
        }
        byte[] out = new byte[(int) length];
        if (((va & (PAGE - 1)) + length) > PAGE) {
            prefetch(va, length);
        }
        int done = 0;
        while (done < length) {
            long at = va + done;
            int n = (int) Math.min(length - done, PAGE - (at & (PAGE - 1)));
            long pa = physical(at);
            try {
                System.arraycopy(mirror.memory().read(pa, n), 0, out, done, n);
            } catch (MemoryAccessException e) {
                throw new KernelReadException(at, "physical 0x" + Long.toHexString(pa) + ": " + e.getMessage());
            }
            done += n;
        }
        return out;
    }

    /**
     * Fetches the frames behind a multi-page read as one batch (adjacent frames in one pipelined read) instead of
     * one round trip per page. Stops at the first page that does not translate; the read reports it.
     */
    private void prefetch(long va, long length) {
        List<PhysRange> frames = new ArrayList<>();
        long pages = ((va & (PAGE - 1)) + length + PAGE - 1) / PAGE;
        for (long i = 0; i < pages; i++) {
            try {
                frames.add(new PhysRange(physical((va & -PAGE) + i * PAGE), (int) PAGE));
            } catch (KernelReadException e) {
                break;
            }
        }
        mirror.memory().prefetch(frames);
    }

    /** An unsigned little/big-endian value of 1..8 bytes from {@code data} at {@code offset}. */
    public long decode(byte[] data, int offset, int size) {
        long v = 0;
        for (int i = 0; i < size; i++) {
            int b = data[offset + (order == ByteOrder.LITTLE_ENDIAN ? size - 1 - i : i)] & 0xff;
            v = (v << 8) | b;
        }
        return v;
    }

    /** A pointer-sized word at a kernel VA. */
    public long pointer(long va) throws KernelReadException {
        return decode(read(va, pointerBytes), 0, pointerBytes);
    }
}
