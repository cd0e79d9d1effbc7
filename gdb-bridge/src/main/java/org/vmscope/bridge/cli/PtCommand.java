package org.vmscope.bridge.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import org.vmscope.bridge.mirror.Mirror;
import org.vmscope.bridge.mirror.MirrorException;
import org.vmscope.bridge.mirror.MirrorWalk;
import org.vmscope.bridge.mirror.NamedRoot;
import org.vmscope.model.pmap.MappedRange;

/** {@code vmscope pt}: the merged mappings of a halted live target's page tables. */
final class PtCommand implements Command {

    @Override
    public String name() {
        return "pt";
    }

    @Override
    public String summary() {
        return "list the page-table mappings of a live target (GDB server), merged into ranges";
    }

    @Override
    public String usage() {
        return "usage: vmscope pt --target HOST:PORT [--arch ARCH] [--root ADDR] [--ram RANGES] [--json]\n"
                + "Walks every paging root of the halted target and prints VA range, PA, size, rights\n"
                + "(r/w/x, u = user, :u= user rights when they differ, g = global) and cache type.\n"
                + TargetArgs.USAGE_COMMON;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        TargetArgs t = TargetArgs.parse(args, Set.of(), Set.of());
        if (!t.positional.isEmpty()) {
            throw new UsageException("unexpected argument " + t.positional.get(0));
        }
        try (Mirror m = t.connect()) {
            MirrorWalk w = m.walk();
            if (t.json) {
                printJson(t, m, w, out);
            } else {
                printText(t, m, w, out, err);
            }
            return w.problems().isEmpty() && !w.partial() ? 0 : 1;
        } catch (MirrorException e) {
            err.println("vmscope pt: " + e.getMessage());
            return 1;
        }
    }

    private static void printText(TargetArgs t, Mirror m, MirrorWalk w, PrintStream out, PrintStream err) {
        MirrorText.header(out, t.targetName(), w.setup(), m.ram().toString(), m.memory().channel().name());
        List<MappedRange> ranges = w.ranges();
        if (!ranges.isEmpty()) {
            out.printf("%-18s   %-18s   %-18s %6s  %-12s %-4s %s%n", "VA", "VA last", "PA", "size", "rights", "mem", "root");
        }
        long bytes = 0;
        for (MappedRange r : ranges) {
            NamedRoot root = w.rootOf(r);
            out.printf("0x%016x - 0x%016x -> 0x%016x %6s  %-12s %-4s %s%n", r.va(), r.vaLast(), r.pa(),
                    MirrorText.size(r.size()), MirrorText.attrs(r.attr(), r.userRights(), r.global()),
                    MirrorText.cache(r.cache()), root == null ? "" : root.register());
            bytes += r.size();
        }
        out.printf("%d ranges, 0x%x bytes mapped; %s%n", ranges.size(), bytes, MirrorText.cost(w.cost()));
        if (w.partial()) {
            err.println("vmscope pt: the result is PARTIAL");
        }
        for (String p : w.problems()) {
            err.println("problem: " + p);
        }
    }

    private static void printJson(TargetArgs t, Mirror m, MirrorWalk w, PrintStream out) {
        JsonWriter j = new JsonWriter().beginObject().field("target", t.targetName());
        MirrorText.json(j, w.setup());
        j.field("channel", m.memory().channel().name());
        j.name("ram").beginArray();
        for (var b : m.ram().banks()) {
            j.beginObject().hex("base", b.base()).hex("size", b.size()).endObject();
        }
        j.endArray();
        j.name("ranges").beginArray();
        for (MappedRange r : w.ranges()) {
            NamedRoot root = w.rootOf(r);
            MirrorText.json(j, r, root == null ? null : root.register());
        }
        j.endArray();
        j.field("partial", w.partial());
        j.name("problems").beginArray();
        for (String p : w.problems()) {
            j.value(p);
        }
        j.endArray();
        MirrorText.json(j, w.cost());
        out.println(j.endObject());
    }
}
