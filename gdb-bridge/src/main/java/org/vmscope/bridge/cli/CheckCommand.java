package org.vmscope.bridge.cli;

import java.io.PrintStream;
import java.util.List;

import org.vmscope.bridge.kernel.KernelException;
import org.vmscope.bridge.kernel.KernelImage;
import org.vmscope.bridge.kernel.LiveStates;
import org.vmscope.bridge.mirror.Mirror;
import org.vmscope.bridge.mirror.MirrorException;
import org.vmscope.model.check.Problem;

/**
 * {@code vmscope check}: vm-model's consistency checks over a halted live kernel, decoded from its memory and its
 * ELF's DWARF: page allocator, entry pool, every map's tree and entries, amap/anon/object reference counts,
 * kmalloc and zones, frame ownership, and every PTE against its entry and page_t.
 */
final class CheckCommand implements Command {

    @Override
    public String name() {
        return "check";
    }

    @Override
    public String summary() {
        return "consistency checks over a live Phoenix-RTOS kernel (pages, maps, refcounts, kmalloc, PTEs)";
    }

    @Override
    public String usage() {
        return "usage: vmscope check --target HOST:PORT --kernel ELF [--layout FILE] [--no-verify] [--json]\n"
                + "Decodes the halted kernel's VM (pages_info, map_common, every process's map and page tables,\n"
                + "amaps, anons, object_common, kmalloc_common) and runs the invariants over it; each problem names\n"
                + "the object at fault. Exit status 0 clean, 1 problems found (or the kernel cannot be decoded),\n"
                + "2 usage error.\n"
                + KernelArgs.USAGE + "\n"
                + TargetArgs.USAGE_COMMON;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        TargetArgs t = TargetArgs.parse(args, KernelArgs.flags(), KernelArgs.valued());
        if (!t.positional.isEmpty()) {
            throw new UsageException("unexpected argument " + t.positional.get(0));
        }
        try {
            KernelImage image = KernelArgs.open(t);
            try (Mirror m = t.connect()) {
                KernelArgs.verify(t, image, m);
                LiveStates live = LiveStates.read(image, m);
                List<Problem> problems = live.check();
                List<String> undecoded = live.problems();
                if (t.json) {
                    JsonWriter j = new JsonWriter().beginObject().field("target", t.targetName())
                            .field("addressSpaces", live.spaces().size());
                    ProblemJson.write(j, "problems", problems);
                    j.name("decoding").beginArray();
                    undecoded.forEach(j::value);
                    out.println(j.endArray().endObject());
                } else {
                    for (String p : undecoded) {
                        out.println("decoding: " + p);
                    }
                    for (Problem p : problems) {
                        out.println(p);
                    }
                    out.println(summary(live, problems, undecoded));
                }
                return problems.isEmpty() && undecoded.isEmpty() ? 0 : 1;
            }
        } catch (MirrorException | KernelException e) {
            err.println("vmscope check: " + e.getMessage());
            return 1;
        }
    }

    private static String summary(LiveStates live, List<Problem> problems, List<String> undecoded) {
        long errors = problems.stream().filter(Problem::isError).count();
        return String.format("check: %d problem%s (%d error%s, %d warning%s)%s over the kernel map and %d process map%s",
                problems.size(), problems.size() == 1 ? "" : "s", errors, errors == 1 ? "" : "s",
                problems.size() - errors, problems.size() - errors == 1 ? "" : "s",
                undecoded.isEmpty() ? "" : ", " + undecoded.size() + " decoding problem" + (undecoded.size() == 1 ? "" : "s"),
                live.spaces().size() - 1, live.spaces().size() == 2 ? "" : "s");
    }
}
