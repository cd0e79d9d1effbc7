package org.vmscope.bridge.cli;

import java.io.PrintStream;
import java.util.List;

import org.vmscope.bridge.dwarf.DwarfFormatException;
import org.vmscope.bridge.dwarf.DwarfInfo;
import org.vmscope.bridge.kernel.KernelException;
import org.vmscope.bridge.kernel.KernelImage;
import org.vmscope.bridge.kernel.LiveStates;
import org.vmscope.bridge.mirror.Mirror;
import org.vmscope.bridge.mirror.MirrorException;
import org.vmscope.bridge.mirror.PhysRange;
import org.vmscope.bridge.mirror.ReadStats;
import org.vmscope.bridge.rsp.RspException;
import org.vmscope.model.check.KernelState;

/**
 * {@code vmscope bench-kernel}: what mirroring a whole live kernel costs (the decoding {@code vmscope check} and
 * {@code snapshot} do: page array, entry pool, every map with its page tables, amaps, anons, objects, kmalloc),
 * next to reading the same bytes raw over the same connection, and what opening the kernel ELF and indexing its
 * DWARF costs. The numbers are printed, never judged.
 */
final class BenchKernelCommand implements Command {

    @Override
    public String name() {
        return "bench-kernel";
    }

    @Override
    public String summary() {
        return "measure mirroring a live Phoenix-RTOS kernel against raw reads, and the DWARF indexing";
    }

    @Override
    public String usage() {
        return "usage: vmscope bench-kernel --target HOST:PORT --kernel ELF [--repeat N] [options]\n"
                + "Opens the kernel ELF (timing its DWARF name index), decodes the halted kernel's whole VM with a\n"
                + "fresh stop cache, then reads the same bytes again with plain pipelined physical reads. Prints\n"
                + "bytes, round trips, times and mirror/raw (the goal is at most 1.2).\n"
                + "  --repeat N           decode N times (cache dropped in between), read raw N times (default 1);\n"
                + "                       without --budget the read budget is N times the default\n"
                + KernelArgs.USAGE + "\n"
                + TargetArgs.USAGE_COMMON;
    }

    /** What one run measured. */
    private record Figures(long openNanos, long indexNanos, int names, long connectNanos, long mirrorNanos,
            long rawNanos, ReadStats cost, List<PhysRange> runs, int repeat, KernelState state) {
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        TargetArgs t = TargetArgs.parse(args, KernelArgs.flags(), KernelArgs.valued("--repeat"));
        if (!t.positional.isEmpty()) {
            throw new UsageException("unexpected argument " + t.positional.get(0));
        }
        int repeat = RawTransfer.repeat(t);
        if (!args.contains("--budget")) {
            // the read budget holds for a connection's lifetime: every run reads the whole kernel again
            t.options = t.options.withBudgetBytes(Math.multiplyExact(t.options.budgetBytes(), (long) repeat));
        }
        try {
            long t0 = System.nanoTime();
            KernelImage image = KernelArgs.open(t);
            long openNanos = System.nanoTime() - t0;
            long indexNanos = 0;
            int names = 0;
            if (image.hasDwarf()) {
                // the name index alone, built again over the parsed ELF
                long t1 = System.nanoTime();
                DwarfInfo d = DwarfInfo.open(image.elf());
                indexNanos = System.nanoTime() - t1;
                names = d.typeNames().size() + d.variableNames().size();
            }
            long t2 = System.nanoTime();
            try (Mirror m = t.connect()) {
                long connectNanos = System.nanoTime() - t2;
                KernelArgs.verify(t, image, m);
                m.paging();
                LiveStates live = null;
                ReadStats before = m.memory().stats();
                long t3 = System.nanoTime();
                for (int i = 0; i < repeat; i++) {
                    m.invalidate();
                    live = LiveStates.read(image, m);
                }
                long mirrorNanos = System.nanoTime() - t3;
                ReadStats cost = m.memory().stats().since(before);
                List<PhysRange> runs = m.memory().cachedRuns();
                for (String p : live.problems()) {
                    err.println("decoding: " + p);
                }
                long rawNanos = RawTransfer.nanos(m, runs, repeat);
                report(t, out, new Figures(openNanos, indexNanos, names, connectNanos, mirrorNanos, rawNanos, cost,
                        runs, repeat, live.state()));
                return 0;
            }
        } catch (MirrorException | KernelException | RspException e) {
            err.println("vmscope bench-kernel: " + e.getMessage());
            return 1;
        } catch (DwarfFormatException e) {
            err.println("vmscope bench-kernel: the DWARF cannot be read: " + e.getMessage());
            return 1;
        }
    }

    private static void report(TargetArgs t, PrintStream out, Figures f) {
        KernelState s = f.state();
        int processes = s.maps().size() - 1;
        long entries = s.maps().stream().mapToLong(m -> m.nodes().size()).sum();
        int pages = s.pages() == null ? 0 : s.pages().count();
        double mirrorMs = f.mirrorNanos() / 1e6;
        double rawMs = f.rawNanos() / 1e6;
        long bytes = f.cost().bytesRead() / f.repeat();
        long trips = f.cost().roundTrips() / f.repeat();
        if (t.json) {
            JsonWriter j = new JsonWriter().beginObject().field("target", t.targetName()).field("repeat", f.repeat())
                    .field("processes", processes).field("entries", entries).field("pages", pages)
                    .field("bytes", bytes).field("ranges", f.runs().size())
                    .field("wireReads", f.cost().wireReads() / f.repeat()).field("roundTrips", trips)
                    .name("openMillis").value(f.openNanos() / 1e6).name("dwarfIndexMillis").value(f.indexNanos() / 1e6)
                    .field("dwarfNames", f.names()).name("connectMillis").value(f.connectNanos() / 1e6)
                    .name("mirrorMillis").value(mirrorMs / f.repeat()).name("rawMillis").value(rawMs / f.repeat())
                    .name("mirrorToRaw").value(mirrorMs / rawMs);
            out.println(j.endObject());
            return;
        }
        out.printf("kernel ELF:    %8.2f ms  open (ELF + DWARF); DWARF name index alone %.2f ms (%d type and variable names)%n",
                f.openNanos() / 1e6, f.indexNanos() / 1e6, f.names());
        out.printf("target %s: kernel map and %d process map%s, %d map entries, %d pages, %d time%s%n",
                t.targetName(), processes, processes == 1 ? "" : "s", entries, pages, f.repeat(), f.repeat() == 1 ? "" : "s");
        out.printf("kernel mirror: %8.2f ms  (%d bytes in %d ranges, %d reads, %d round trips, %.2f ms on the wire; connect %.1f ms)%n",
                mirrorMs / f.repeat(), bytes, f.runs().size(), f.cost().wireReads() / f.repeat(), trips,
                f.cost().wireNanos() / 1e6 / f.repeat(), f.connectNanos() / 1e6);
        out.printf("raw transfer:  %8.2f ms  (the same ranges, pipelined m in physical mode)  mirror/raw = %.2f%n",
                rawMs / f.repeat(), mirrorMs / rawMs);
    }
}
