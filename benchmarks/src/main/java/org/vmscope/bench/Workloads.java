package org.vmscope.bench;

import org.vmscope.model.kernel.ProgramImage;
import org.vmscope.model.map.Mman;
import org.vmscope.model.proc.Process;
import org.vmscope.model.proc.Processes;
import org.vmscope.model.proc.SysResult;

/** Process set-ups shared by the benchmarks; every failure is a broken set-up and throws. */
final class Workloads {
    private Workloads() {
    }

    /** Spawns a process from the machine's first program image (dummyfs). */
    static Process spawn(Processes procs, String name) {
        ProgramImage img = procs.kernel().machine().programs().get(0);
        SysResult r = procs.spawn(name, img, null);
        return procs.get((int) ok(r, "spawn " + name));
    }

    /**
     * Adds {@code n} one-page anonymous entries to {@code p}. Neighbours alternate between read-only and
     * read-write, so {@code _map_map} can merge none of them: the map ends with {@code n} more entries.
     */
    static void addEntries(Processes procs, Process p, int n) {
        long page = procs.kernel().arch().pageSize();
        int before = p.map().entries().size();
        for (int i = 0; i < n; i++) {
            int prot = Mman.PROT_READ | ((i & 1) == 0 ? Mman.PROT_WRITE : 0);
            ok(procs.mmap(p, 0, page, prot, Mman.MAP_ANONYMOUS, null, 0), "mmap entry " + i);
        }
        int after = p.map().entries().size();
        if (after - before != n) {
            throw new IllegalStateException("expected " + n + " new entries, got " + (after - before));
        }
    }

    /** The result's value; throws when the call failed. */
    static long ok(SysResult r, String what) {
        if (!r.isOk()) {
            throw new IllegalStateException(what + " failed: " + r);
        }
        return r.value();
    }
}
