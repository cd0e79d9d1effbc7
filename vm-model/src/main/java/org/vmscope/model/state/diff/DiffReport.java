package org.vmscope.model.state.diff;

import java.util.List;
import java.util.Locale;

import org.vmscope.model.state.MapEntry;
import org.vmscope.model.state.data.Sizes;
import org.vmscope.model.state.diff.StateDiff.ClassChange;
import org.vmscope.model.state.diff.StateDiff.EntryChange;
import org.vmscope.model.state.diff.StateDiff.ObjectChange;
import org.vmscope.model.state.diff.StateDiff.PageChange;
import org.vmscope.model.state.diff.StateDiff.Space;

/**
 * The text of {@link StateDiff#toText()}: one section per kind of change, only sections with changes, e.g.
 *
 * <pre>
 * pages: 4 allocated, 0 freed (net +16 KiB)
 *   + A app              4 pages      16 KiB
 * entries:
 *   + kernel  c0157000-c015afff rw-  anonymous
 * entry pool: 3 -> 4 of 16125 used
 * </pre>
 */
final class DiffReport {
    private DiffReport() {
    }

    static String render(StateDiff d, int pointerBytes, boolean pageSizesDiffer) {
        if (d.isEmpty()) {
            return "no differences\n";
        }
        StringBuilder sb = new StringBuilder();
        pages(sb, d, pageSizesDiffer);
        spaces(sb, d);
        entries(sb, d.entries(), pointerBytes);
        objects(sb, d.objects());
        kmalloc(sb, d);
        if (d.entryPoolUsedBefore() != d.entryPoolUsedAfter()) {
            sb.append(String.format(Locale.ROOT, "entry pool: %d -> %d of %d used%n", d.entryPoolUsedBefore(),
                    d.entryPoolUsedAfter(), d.entryPoolTotal()));
        }
        return sb.toString();
    }

    private static void pages(StringBuilder sb, StateDiff d, boolean pageSizesDiffer) {
        if (pageSizesDiffer) {
            sb.append("pages: not compared, the page sizes differ\n");
            return;
        }
        if (d.allocated().isEmpty() && d.freed().isEmpty() && d.pagesOnlyBefore() == 0 && d.pagesOnlyAfter() == 0) {
            return;
        }
        long net = d.allocated().stream().mapToLong(PageChange::bytes).sum()
                - d.freed().stream().mapToLong(PageChange::bytes).sum();
        sb.append(String.format(Locale.ROOT, "pages: %d allocated, %d freed (net %s%s)%n", d.pagesAllocated(),
                d.pagesFreed(), net < 0 ? "-" : "+", size(Math.abs(net))));
        for (PageChange p : d.allocated()) {
            sb.append(pageLine('+', p));
        }
        for (PageChange p : d.freed()) {
            sb.append(pageLine('-', p));
        }
        if (d.pagesOnlyBefore() != 0 || d.pagesOnlyAfter() != 0) {
            sb.append(String.format(Locale.ROOT, "  page arrays differ: %d pages only before, %d only after%n",
                    d.pagesOnlyBefore(), d.pagesOnlyAfter()));
        }
    }

    private static String pageLine(char sign, PageChange p) {
        return String.format(Locale.ROOT, "  %c %c %-14s %8d pages %10s%n", sign, p.marker(), p.owner(), p.pages(),
                size(p.bytes()));
    }

    private static void spaces(StringBuilder sb, StateDiff d) {
        if (d.spacesAdded().isEmpty() && d.spacesRemoved().isEmpty()) {
            return;
        }
        sb.append("address spaces:\n");
        for (Space s : d.spacesAdded()) {
            sb.append(String.format(Locale.ROOT, "  + pid %d %s%n", s.pid(), s.name()));
        }
        for (Space s : d.spacesRemoved()) {
            sb.append(String.format(Locale.ROOT, "  - pid %d %s%n", s.pid(), s.name()));
        }
    }

    private static void entries(StringBuilder sb, List<EntryChange> es, int pointerBytes) {
        if (es.isEmpty()) {
            return;
        }
        sb.append("entries:\n");
        int w = 0;
        for (EntryChange e : es) {
            w = Math.max(w, e.space().length());
        }
        for (EntryChange e : es) {
            MapEntry m = e.after() != null ? e.after() : e.before();
            char sign = switch (e.kind()) {
                case ADDED -> '+';
                case REMOVED -> '-';
                case CHANGED -> '~';
            };
            sb.append(String.format(Locale.ROOT, "  %c %-" + w + "s  %s-%s %s", sign, e.space(),
                    hex(m.getVaddr(), pointerBytes), hex(m.getVaddr() + m.getSize() - 1, pointerBytes),
                    StateDiff.prot(m.getProt())));
            if (e.kind() == StateDiff.EntryChangeKind.CHANGED) {
                sb.append("  ").append(String.join("; ", e.what()));
            } else {
                sb.append("  ").append(m.getObject() == null ? "anonymous" : m.getObject().getName());
                if (m.getFlags() != 0) {
                    sb.append(" ").append(StateDiff.flags(m.getFlags()));
                }
            }
            sb.append('\n');
        }
    }

    private static void objects(StringBuilder sb, List<ObjectChange> os) {
        if (os.isEmpty()) {
            return;
        }
        sb.append("objects:\n");
        for (ObjectChange o : os) {
            if (o.refsBefore() < 0) {
                sb.append(String.format(Locale.ROOT, "  + %s refs %d, %d pages cached%n", o.name(), o.refsAfter(),
                        o.cachedAfter()));
            } else if (o.refsAfter() < 0) {
                sb.append(String.format(Locale.ROOT, "  - %s (had refs %d, %d pages cached)%n", o.name(),
                        o.refsBefore(), o.cachedBefore()));
            } else {
                sb.append(String.format(Locale.ROOT, "  ~ %s refs %d -> %d, cached pages %d -> %d%n", o.name(),
                        o.refsBefore(), o.refsAfter(), o.cachedBefore(), o.cachedAfter()));
            }
        }
    }

    private static void kmalloc(StringBuilder sb, StateDiff d) {
        if (d.kmallocClasses().isEmpty() && d.kmallocBytesBefore() == d.kmallocBytesAfter()) {
            return;
        }
        sb.append(String.format(Locale.ROOT, "kmalloc: %d -> %d bytes allocated%n", d.kmallocBytesBefore(),
                d.kmallocBytesAfter()));
        for (ClassChange c : d.kmallocClasses()) {
            sb.append(String.format(Locale.ROOT, "  class %2d (%s): used %d -> %d of %d -> %d blocks%n", c.index(),
                    size(c.blockSize()), c.usedBefore(), c.usedAfter(), c.totalBefore(), c.totalAfter()));
        }
    }

    private static String hex(long v, int pointerBytes) {
        return String.format(Locale.ROOT, pointerBytes == 4 ? "%08x" : "%016x", v);
    }

    private static String size(long bytes) {
        return Sizes.human(bytes);
    }
}
