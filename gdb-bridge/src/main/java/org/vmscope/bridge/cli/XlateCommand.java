package org.vmscope.bridge.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import org.vmscope.bridge.mirror.Mirror;
import org.vmscope.bridge.mirror.MirrorException;
import org.vmscope.bridge.mirror.ReverseHit;
import org.vmscope.bridge.mirror.ReverseLookup;
import org.vmscope.bridge.mirror.VaTranslation;
import org.vmscope.model.pmap.PageEntry;
import org.vmscope.model.pmap.Translation;
import org.vmscope.model.pmap.WalkStep;

/** {@code vmscope xlate}: one VA through every table level, or every VA of one PA. */
final class XlateCommand implements Command {

    @Override
    public String name() {
        return "xlate";
    }

    @Override
    public String summary() {
        return "translate a VA of a live target level by level, or list the VAs of a PA (--phys)";
    }

    @Override
    public String usage() {
        return "usage: vmscope xlate --target HOST:PORT [options] VA\n"
                + "       vmscope xlate --target HOST:PORT [options] --phys PA\n"
                + "The first form prints each level's entry address, raw value and meaning; the second\n"
                + "every virtual address (in any paging root) that maps PA.\n"
                + TargetArgs.USAGE_COMMON;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        TargetArgs t = TargetArgs.parse(args, Set.of("--phys"), Set.of());
        if (t.positional.size() != 1) {
            throw new UsageException(t.positional.isEmpty() ? "an address is required" : "one address only");
        }
        long addr;
        try {
            addr = TargetArgs.number(t.positional.get(0));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        try (Mirror m = t.connect()) {
            return t.flags.contains("--phys") ? reverse(t, m, addr, out, err) : forward(t, m, addr, out, err);
        } catch (MirrorException e) {
            err.println("vmscope xlate: " + e.getMessage());
            return 1;
        }
    }

    private static int forward(TargetArgs t, Mirror m, long va, PrintStream out, PrintStream err) throws MirrorException {
        VaTranslation v = m.translate(va);
        Translation tr = v.translation();
        if (t.json) {
            JsonWriter j = new JsonWriter().beginObject().field("target", t.targetName()).hex("va", va);
            MirrorText.json(j, m.paging());
            j.field("root", v.root() == null ? null : v.root().register()).field("mapped", v.mapped());
            if (v.mapped()) {
                j.hex("pa", tr.pa()).hex("pageSize", tr.pageSize())
                        .field("rights", MirrorText.attrs(tr.attr(), tr.userRights(), tr.leaf().global()))
                        .field("cache", tr.leaf().cache().name());
            }
            j.name("levels").beginArray();
            if (tr != null) {
                for (WalkStep s : tr.steps()) {
                    j.beginObject().field("level", s.level()).hex("table", s.tablePa()).field("index", s.index())
                            .hex("entryPa", s.entryPa()).hex("raw", s.raw()).field("kind", s.entry().kind().name())
                            .field("decoded", s.entry().toString()).endObject();
                }
            }
            j.endArray().field("partial", v.partial()).name("problems").beginArray();
            v.problems().forEach(j::value);
            out.println(j.endArray().endObject());
        } else {
            out.printf("va 0x%x", va);
            if (v.root() != null) {
                out.printf(" via %s (%s, table 0x%x)", v.root().register(), v.root().root().format().name(),
                        v.root().root().tablePa());
            }
            out.println();
            if (tr != null) {
                int width = tr.root().format().geometry().entryBytes() * 2;
                for (WalkStep s : tr.steps()) {
                    out.printf("  L%d [%d] @0x%x = 0x%0" + width + "x  %s%n", s.level(), s.index(), s.entryPa(),
                            s.raw(), describe(s.entry()));
                }
                if (tr.mapped()) {
                    out.printf("= pa 0x%x  (%s page, %s, %s)%n", tr.pa(), MirrorText.size(tr.pageSize()),
                            MirrorText.attrs(tr.attr(), tr.userRights(), tr.leaf().global()),
                            MirrorText.cache(tr.leaf().cache()));
                } else if (tr.faultLevel() >= 0) {
                    out.printf("= not mapped: fault at level %d%n", tr.faultLevel());
                } else {
                    out.println("= not mapped");
                }
            }
            if (v.partial()) {
                err.println("vmscope xlate: the result is PARTIAL");
            }
            v.problems().forEach(p -> err.println("problem: " + p));
        }
        return v.mapped() && !v.partial() ? 0 : 1;
    }

    private static String describe(PageEntry e) {
        return switch (e.kind()) {
            case INVALID -> "invalid";
            case RESERVED -> "reserved: " + e.note();
            case TABLE -> "table -> 0x" + Long.toHexString(e.pa()) + (e.note().isEmpty() ? "" : " (" + e.note() + ")");
            case LEAF -> String.format("leaf %s -> 0x%x %s %s%s", MirrorText.size(e.leafSize()), e.pa(),
                    MirrorText.attrs(e.attr(), e.userRights(), e.global()), MirrorText.cache(e.cache()),
                    e.note().isEmpty() ? "" : " (" + e.note() + ")");
        };
    }

    private static int reverse(TargetArgs t, Mirror m, long pa, PrintStream out, PrintStream err) throws MirrorException {
        ReverseLookup r = m.reverse(pa);
        if (t.json) {
            JsonWriter j = new JsonWriter().beginObject().field("target", t.targetName()).hex("pa", pa);
            MirrorText.json(j, m.paging());
            j.name("mappings").beginArray();
            for (ReverseHit h : r.hits()) {
                j.beginObject().hex("va", h.va()).field("root", h.root().register()).name("range");
                MirrorText.json(j, h.range(), h.root().register());
                j.endObject();
            }
            j.endArray().field("partial", r.partial()).name("problems").beginArray();
            r.walk().problems().forEach(j::value);
            out.println(j.endArray().endObject());
        } else {
            out.printf("pa 0x%x is mapped at %d VA%s%s%n", pa, r.hits().size(), r.hits().size() == 1 ? "" : "s",
                    r.hits().isEmpty() ? "" : ":");
            for (ReverseHit h : r.hits()) {
                out.printf("  0x%016x  %s  (range 0x%x-0x%x, %s %s)%n", h.va(), h.root().register(), h.range().va(),
                        h.range().vaLast(), MirrorText.attrs(h.range().attr(), h.range().userRights(), h.range().global()),
                        MirrorText.cache(h.range().cache()));
            }
            if (r.partial()) {
                err.println("vmscope xlate: the walk is PARTIAL; VAs may be missing");
            }
            r.walk().problems().forEach(p -> err.println("problem: " + p));
        }
        return !r.hits().isEmpty() && !r.partial() ? 0 : 1;
    }
}
