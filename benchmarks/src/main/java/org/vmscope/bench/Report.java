package org.vmscope.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openjdk.jmh.results.RunResult;

/**
 * The one-page summary of a run: ops/s per benchmark and target, the per-op cost ratio of the largest to the
 * smallest target of each architecture against its goal, and the heap measurement.
 */
final class Report {
    /** Cost may grow at most this much from the small to the large target (log n, not n). */
    static final double OPS_GOAL = 2.0;
    /** Physical Memory view: million-page target vs 16 K pages. */
    static final double VIEW_GOAL = 3.0;
    static final double HEAP_GOAL = 32.0;

    record Row(String benchmark, Target target, double opsPerSec, double error) {
    }

    private Report() {
    }

    static List<Row> rows(Collection<RunResult> results) {
        List<Row> rows = new ArrayList<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            rows.add(new Row(name, Target.parse(r.getParams().getParam("target")),
                    r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError()));
        }
        rows.sort(Comparator.comparing(Row::benchmark).thenComparing(x -> x.target().arch())
                .thenComparingLong(x -> x.target().ramBytes()));
        return rows;
    }

    static void printOps(PrintStream out, List<Row> rows) {
        out.println();
        out.println("== throughput (ops/s; one op = the paired operation of the benchmark) ==");
        out.printf("%-36s %-12s %14s %12s %12s%n", "benchmark", "target", "ops/s", "+-", "us/op");
        for (Row r : rows) {
            out.printf("%-36s %-12s %14.1f %12.1f %12.3f%n", r.benchmark(), r.target(), r.opsPerSec(), r.error(),
                    1e6 / r.opsPerSec());
        }
    }

    static void printRatios(PrintStream out, List<Row> rows) {
        out.println();
        out.println("== per-op cost ratio, largest : smallest target of each arch (= ops/s small / ops/s large) ==");
        out.printf("%-36s %-26s %8s %6s %s%n", "benchmark", "targets", "ratio", "goal", "verdict");
        Map<String, List<Row>> groups = new LinkedHashMap<>();
        for (Row r : rows) {
            groups.computeIfAbsent(r.benchmark() + " " + r.target().arch(), k -> new ArrayList<>()).add(r);
        }
        for (List<Row> g : groups.values()) {
            Row small = g.get(0);
            Row large = g.get(g.size() - 1);
            if (small == large) {
                continue;
            }
            double ratio = small.opsPerSec() / large.opsPerSec();
            double goal = small.benchmark().startsWith("PhysicalMemoryBench") ? VIEW_GOAL : OPS_GOAL;
            out.printf("%-36s %-26s %8.2f %6.1f %s%n", small.benchmark(), large.target() + " : " + small.target(),
                    ratio, goal, ratio <= goal ? "met" : String.format("MISSED (x%.1f over)", ratio / goal));
        }
    }

    static void printHeap(PrintStream out, HeapPerPage.Result h) {
        out.println();
        out.println("== Java heap per simulated page ==");
        out.println("measured: median over " + h.repetitions() + " boots of the Runtime used-heap growth"
                + " (full GCs before and after boot, kernel reachable)");
        for (HeapPerPage.Measure m : List.of(h.small(), h.large())) {
            out.printf("  %-12s %9d pages  %,14d bytes retained  %7.2f bytes/page%n", m.target(), m.pages(),
                    m.retainedBytes(), m.perPage());
        }
        double marginal = h.marginalPerPage();
        out.printf("  marginal (large - small) / (pages difference): %.2f bytes/page, goal <= %.0f: %s%n", marginal,
                HEAP_GOAL, marginal <= HEAP_GOAL ? "met" : "MISSED");
        out.printf("arithmetic: PageAllocator keeps %d bytes per page_t slot (long addr, byte idx, short flags,"
                + " int next, int prev)%n", HeapPerPage.ARRAY_BYTES_PER_PAGE);
    }
}
