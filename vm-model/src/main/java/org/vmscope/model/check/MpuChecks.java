package org.vmscope.model.check;

import java.util.List;

import org.vmscope.model.map.MapEntry;
import org.vmscope.model.map.Mman;
import org.vmscope.model.pmap.PageAttr;
import org.vmscope.model.pmap.mpu.MpuChecker;
import org.vmscope.model.pmap.mpu.MpuTable;
import org.vmscope.model.proc.Process;
import org.vmscope.model.proc.Processes;

/**
 * Per-process MPU checks on armv7m/armv8m (phoenix-vm.md §4.7): the region set {@code pmap_switch} would
 * enable for each process obeys the architecture's rules, and every entry on the process's {@code entries}
 * ring is reachable from user mode with the entry's rights, page by page.
 */
public final class MpuChecks {
    private static final long MAX_PROBES = 1 << 20;

    private MpuChecks() {
    }

    public static List<Problem> run(Processes ps) {
        ProblemSink sink = new ProblemSink();
        MpuTable t = ps.kernel().mpu();
        if (t == null) {
            return sink.problems();
        }
        long page = ps.kernel().arch().pageSize();
        for (Process p : ps.all()) {
            if (p.pmapp() == null) {
                continue;
            }
            if (!process(t, p.pmapp().regions(), p.entries().entries(), page, "process " + p, sink)) {
                break;
            }
        }
        return sink.problems();
    }

    /** The checks of one process with MPU mask {@code regions} over its ring's entries. */
    static List<Problem> process(MpuTable t, int regions, List<MapEntry> entries, long page, String who) {
        ProblemSink sink = new ProblemSink();
        process(t, regions, entries, page, who, sink);
        return sink.problems();
    }

    /** @return false when the probe limit stopped the check */
    private static boolean process(MpuTable t, int regions, List<MapEntry> entries, long page, String who,
            ProblemSink sink) {
        MpuChecker c = t.checker(regions);
        for (MpuChecker.Problem bad : c.validate()) {
            sink.add(ProblemCode.MPU_REGION_INVALID, who, "%s", bad);
        }
        long probes = 0;
        for (MapEntry e : entries) {
            int need = rights(e.prot());
            for (long va = e.vaddr(); Long.compareUnsigned(va, e.end()) < 0; va += page) {
                if (++probes > MAX_PROBES) {
                    sink.add(ProblemCode.CHECK_LIMIT_REACHED, who, "MPU coverage stopped after %d pages", MAX_PROBES);
                    return false;
                }
                MpuChecker.Decision d = c.access(va, need, false);
                if (!d.allowed()) {
                    sink.add(ProblemCode.MPU_ENTRY_UNCOVERED, who, "entry 0x%x+0x%x at 0x%x: %s (regions 0x%x)",
                            e.vaddr(), e.size(), va, d.reason(), regions);
                    break;
                }
            }
        }
        return true;
    }

    private static int rights(int prot) {
        int r = 0;
        if ((prot & Mman.PROT_READ) != 0) {
            r |= PageAttr.READ;
        }
        if ((prot & Mman.PROT_WRITE) != 0) {
            r |= PageAttr.WRITE;
        }
        if ((prot & Mman.PROT_EXEC) != 0) {
            r |= PageAttr.EXEC;
        }
        return r;
    }
}
