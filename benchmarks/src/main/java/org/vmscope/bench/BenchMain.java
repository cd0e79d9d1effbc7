package org.vmscope.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs every model benchmark with short warm-ups (a few minutes on two cores) and prints one summary: ops/s,
 * the 4 GiB : small-target cost ratios against their goals, and Java heap bytes per simulated page.
 *
 * <pre>
 * java -jar benchmarks.jar                 the full run
 * java -jar benchmarks.jar --quick         one short iteration each (a smoke test, numbers are rough)
 * java -jar benchmarks.jar --heap          only the heap measurement
 * java -jar benchmarks.jar --jmh ARGS...   JMH's own command line (e.g. --jmh -lp, --jmh ForkBench -prof gc)
 * </pre>
 */
public final class BenchMain {
    private static final int HEAP_REPETITIONS = 5;

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        boolean heapOnly = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--heap" -> heapOnly = true;
                case "--jmh" -> {
                    org.openjdk.jmh.Main.main(java.util.Arrays.copyOfRange(args, i + 1, args.length));
                    return;
                }
                case "-h", "--help" -> {
                    System.out.println("usage: benchmarks.jar [--quick | --heap | --jmh JMH-ARGS...]");
                    return;
                }
                default -> {
                    System.err.println("unknown option " + args[i] + " (--quick, --heap, --jmh ARGS...)");
                    System.exit(2);
                }
            }
        }
        PrintStream out = System.out;
        // First, while this JVM's heap holds nothing else
        HeapPerPage.Result heap = HeapPerPage.measure(Target.parse("riscv64:16M"), Target.parse("riscv64:4G"),
                HEAP_REPETITIONS);
        HeapPerPage.Result heapIa32 = HeapPerPage.measure(Target.parse("ia32:16M"), Target.parse("ia32:3G"),
                HEAP_REPETITIONS);
        List<Report.Row> rows = heapOnly ? List.of() : Report.rows(runJmh(quick));
        out.println();
        out.println("vmscope model benchmarks (" + Runtime.getRuntime().availableProcessors() + " CPUs, Java "
                + Runtime.version() + (quick ? ", --quick: rough numbers" : "") + ")");
        if (!rows.isEmpty()) {
            Report.printOps(out, rows);
            Report.printRatios(out, rows);
        }
        Report.printHeap(out, heap);
        Report.printHeap(out, heapIa32);
    }

    private static Collection<RunResult> runJmh(boolean quick) throws RunnerException {
        ChainedOptionsBuilder o = new OptionsBuilder()
                .include(PageAllocBench.class.getName())
                .include(MmapBench.class.getName())
                .include(ForkBench.class.getName())
                .include(PhysicalMemoryBench.class.getName())
                .forks(1)
                .shouldFailOnError(true)
                .jvmArgsAppend("-Xmx2g")
                .verbosity(VerboseMode.NORMAL);
        if (quick) {
            o.warmupIterations(1).warmupTime(TimeValue.milliseconds(300))
                    .measurementIterations(1).measurementTime(TimeValue.milliseconds(500));
        } else {
            o.warmupIterations(3).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(4).measurementTime(TimeValue.seconds(1));
        }
        return new ArrayList<>(new Runner(o.build()).run());
    }
}
