package org.vmscope.bridge.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.vmscope.bridge.mirror.Mirror;
import org.vmscope.bridge.mirror.MirrorException;
import org.vmscope.bridge.mirror.PhysRange;
import org.vmscope.bridge.mirror.ReadStats;
import org.vmscope.bridge.rsp.RspException;

/**
 * {@code vmscope bench-mirror}: what one page-table walk costs, next to reading the same bytes raw over
 * the same connection and next to gdb-multiarch dumping them. All three are measured in one run; the
 * numbers are printed, never judged.
 */
final class BenchMirrorCommand implements Command {
    private static final long GDB_TIMEOUT_SECONDS = 120;

    @Override
    public String name() {
        return "bench-mirror";
    }

    @Override
    public String summary() {
        return "measure a page-table walk of a live target against raw reads and gdb-multiarch";
    }

    @Override
    public String usage() {
        return "usage: vmscope bench-mirror --target HOST:PORT [--repeat N] [--gdb PATH | --no-gdb] [options]\n"
                + "Walks every paging root once (fresh cache), then reads the same table bytes again with plain\n"
                + "pipelined physical reads, then has gdb (default gdb-multiarch on PATH) dump the same ranges in\n"
                + "QEMU's physical memory mode. Prints bytes, round trips, times and the ratios. gdb disconnects\n"
                + "without detaching, so the target stays halted.\n"
                + "  --repeat N           walk N times (cache dropped in between), read and dump N times (default 1)\n"
                + "  --gdb PATH           the gdb to compare with\n"
                + "  --no-gdb             skip the gdb comparison\n"
                + TargetArgs.USAGE_COMMON;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        TargetArgs t = TargetArgs.parse(args, Set.of("--no-gdb"), Set.of("--gdb", "--repeat"));
        if (!t.positional.isEmpty()) {
            throw new UsageException("unexpected argument " + t.positional.get(0));
        }
        String gdb = t.flags.contains("--no-gdb") ? null : t.valued.getOrDefault("--gdb", "gdb-multiarch");
        int repeat = RawTransfer.repeat(t);
        long walkNanos;
        long rawNanos;
        ReadStats cost;
        List<PhysRange> runs;
        long connectNanos;
        try {
            long t0 = System.nanoTime();
            Mirror m = t.connect();
            try {
                connectNanos = System.nanoTime() - t0;
                m.paging();
                if (!m.paging().walkable()) {
                    err.println("vmscope bench-mirror: " + m.paging().problem());
                    return 1;
                }
                ReadStats before = m.memory().stats();
                long t1 = System.nanoTime();
                for (int i = 0; i < repeat; i++) {
                    m.invalidate();
                    m.walk();
                }
                walkNanos = System.nanoTime() - t1;
                cost = m.memory().stats().since(before);
                runs = m.memory().cachedRuns();
                rawNanos = RawTransfer.nanos(m, runs, repeat);
            } finally {
                m.close();
            }
        } catch (MirrorException | RspException e) {
            err.println("vmscope bench-mirror: " + e.getMessage());
            return 1;
        }
        GdbTiming g = gdb == null ? null : timeGdb(gdb, t, runs, repeat);
        report(t, out, repeat, connectNanos, walkNanos, rawNanos, cost, runs, g);
        return 0;
    }

    private record GdbTiming(long dumpNanos, long baselineNanos, String failure) {
    }

    private static void report(TargetArgs t, PrintStream out, int repeat, long connectNanos, long walkNanos, long rawNanos,
            ReadStats cost, List<PhysRange> runs, GdbTiming g) {
        double walkMs = walkNanos / 1e6;
        double rawMs = rawNanos / 1e6;
        if (t.json) {
            JsonWriter j = new JsonWriter().beginObject().field("target", t.targetName())
                    .field("repeat", repeat).field("bytes", cost.bytesRead()).field("ranges", runs.size())
                    .field("wireReads", cost.wireReads()).field("roundTrips", cost.roundTrips())
                    .name("connectMillis").value(connectNanos / 1e6).name("walkMillis").value(walkMs)
                    .name("rawMillis").value(rawMs).name("walkToRaw").value(walkMs / rawMs);
            if (g != null && g.failure == null) {
                j.name("gdbMillis").value(g.dumpNanos / 1e6).name("gdbConnectMillis").value(g.baselineNanos / 1e6)
                        .name("walkToGdb").value(walkNanos / (double) g.dumpNanos)
                        .name("walkToGdbReads").value(walkNanos / (double) Math.max(1, g.dumpNanos - g.baselineNanos));
            } else if (g != null) {
                j.field("gdbFailure", g.failure);
            }
            out.println(j.endObject());
            return;
        }
        out.printf("target %s: %d bytes of tables in %d ranges, %d time%s%n", t.targetName(), cost.bytesRead() / repeat,
                runs.size(), repeat, repeat == 1 ? "" : "s");
        out.printf("mirror walk:   %8.2f ms  (%d reads, %d round trips, %.2f ms waiting on the wire; connect %.1f ms)%n",
                walkMs, cost.wireReads(), cost.roundTrips(), cost.wireNanos() / 1e6, connectNanos / 1e6);
        out.printf("raw transfer:  %8.2f ms  (the same ranges, pipelined m in physical mode)  walk/raw = %.2f%n",
                rawMs, walkMs / rawMs);
        if (g == null) {
            out.println("gdb:           skipped");
        } else if (g.failure != null) {
            out.println("gdb:           failed: " + g.failure);
        } else {
            double gdbMs = g.dumpNanos / 1e6;
            double readsMs = (g.dumpNanos - g.baselineNanos) / 1e6;
            out.printf("gdb dump:      %8.2f ms  (connect+disconnect alone %.1f ms)  walk/gdb = %.3f, walk/(gdb - connect) = %.3f%n",
                    gdbMs, g.baselineNanos / 1e6, walkMs / gdbMs, readsMs > 0 ? walkMs / readsMs : Double.NaN);
        }
    }

    /** Runs gdb twice: with a dump per range, and with only connect/disconnect, each timed. */
    private static GdbTiming timeGdb(String gdb, TargetArgs t, List<PhysRange> runs, int repeat) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("vmscope-bench-");
            List<String> dumps = new ArrayList<>();
            Path sink = dir.resolve("dump.bin");
            for (int i = 0; i < repeat; i++) {
                for (PhysRange r : runs) {
                    dumps.add(String.format("dump binary memory %s 0x%x 0x%x", sink, r.pa(), r.pa() + r.length()));
                }
            }
            long baseline = timeScript(gdb, t, dir, "baseline", List.of());
            long full = timeScript(gdb, t, dir, "dump", dumps);
            return new GdbTiming(full, baseline, null);
        } catch (IOException e) {
            return new GdbTiming(0, 0, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new GdbTiming(0, 0, "interrupted");
        } finally {
            if (dir != null) {
                deleteTree(dir);
            }
        }
    }

    private static long timeScript(String gdb, TargetArgs t, Path dir, String name, List<String> body)
            throws IOException, InterruptedException {
        List<String> script = new ArrayList<>(List.of("set pagination off", "set confirm off",
                "target remote " + t.targetName(), "maint packet Qqemu.PhyMemMode:1"));
        script.addAll(body);
        script.addAll(List.of("maint packet Qqemu.PhyMemMode:0", "disconnect"));
        Path file = dir.resolve(name + ".gdb");
        Files.write(file, script, StandardCharsets.UTF_8);
        Path log = dir.resolve(name + ".log");
        long t0 = System.nanoTime();
        Process p;
        try {
            p = new ProcessBuilder(gdb, "-nx", "-batch", "-x", file.toString()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new IOException("cannot run " + gdb + ": " + e.getMessage(), e);
        }
        if (!p.waitFor(GDB_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(gdb + " did not finish within " + GDB_TIMEOUT_SECONDS + " s");
        }
        long elapsed = System.nanoTime() - t0;
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (p.exitValue() != 0 || output.contains("Cannot access memory") || output.contains("Connection refused")
                || output.contains("Remote communication error")) {
            throw new IOException(gdb + " " + name + " run failed (exit " + p.exitValue() + "): " + tail(output));
        }
        return elapsed;
    }

    private static String tail(String s) {
        String x = s.strip();
        return x.length() > 400 ? "..." + x.substring(x.length() - 400) : x;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp dir is harmless
        }
    }
}
