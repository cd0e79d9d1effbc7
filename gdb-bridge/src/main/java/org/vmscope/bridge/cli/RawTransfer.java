package org.vmscope.bridge.cli;

import java.util.List;

import org.vmscope.bridge.mirror.Mirror;
import org.vmscope.bridge.mirror.PhysRange;
import org.vmscope.bridge.rsp.RspException;

/**
 * The baseline the benchmarks compare with: the bytes a mirror read, fetched again as plain pipelined {@code m}
 * packets in QEMU's physical memory mode over the same connection, with no decoding and no cache in between.
 */
final class RawTransfer {
    private RawTransfer() {
    }

    /** Nanoseconds to read every range of {@code runs}, {@code repeat} times. */
    static long nanos(Mirror m, List<PhysRange> runs, int repeat) throws RspException {
        long t0 = System.nanoTime();
        for (int i = 0; i < repeat; i++) {
            m.client().withPhysicalMemoryMode(c -> {
                for (PhysRange r : runs) {
                    c.readMemory(r.pa(), r.length());
                }
                return null;
            });
        }
        return System.nanoTime() - t0;
    }

    /** The {@code --repeat N} option of the benchmarks (1..1000, default 1). */
    static int repeat(TargetArgs t) throws UsageException {
        int repeat;
        try {
            repeat = Integer.parseInt(t.valued.getOrDefault("--repeat", "1"));
        } catch (NumberFormatException e) {
            throw new UsageException("--repeat needs a number");
        }
        if (repeat < 1 || repeat > 1000) {
            throw new UsageException("--repeat is 1..1000");
        }
        return repeat;
    }
}
