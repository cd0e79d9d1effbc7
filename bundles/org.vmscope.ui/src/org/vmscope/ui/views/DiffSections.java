package org.vmscope.ui.views;

import java.util.ArrayList;
import java.util.List;

import org.vmscope.model.psh.PshMem;
import org.vmscope.model.state.MapEntry;
import org.vmscope.model.state.diff.StateDiff;
import org.vmscope.ui.rows.DiffRow;
import org.vmscope.ui.rows.Format;

/** A {@link StateDiff} as the Snapshot Diff view's sections, in the order {@code vmscope diff} prints them. */
final class DiffSections {

    /** One kind of change and its rows. */
    record Section(String title, List<DiffRow> rows) {
        Section {
            rows = List.copyOf(rows);
        }

        String label() {
            return title + " (" + rows.size() + ")";
        }
    }

    static final String PAGES = "Pages";
    static final String SPACES = "Address spaces";
    static final String ENTRIES = "Entries";
    static final String OBJECTS = "Objects";
    static final String KMALLOC = "kmalloc";
    static final String POOL = "Entry pool";

    private DiffSections() {
    }

    static List<Section> of(StateDiff d, int pointerBytes) {
        List<Section> out = new ArrayList<>();
        List<DiffRow> rows = new ArrayList<>();
        for (StateDiff.PageChange p : d.allocated()) {
            rows.add(new DiffRow(PAGES, p.marker() + " " + p.owner(), "allocated", pages(p)));
        }
        for (StateDiff.PageChange p : d.freed()) {
            rows.add(new DiffRow(PAGES, p.marker() + " " + p.owner(), "freed", pages(p)));
        }
        if (d.pagesOnlyBefore() != 0 || d.pagesOnlyAfter() != 0) {
            rows.add(new DiffRow(PAGES, "page array", "changed",
                    d.pagesOnlyBefore() + " pages only before, " + d.pagesOnlyAfter() + " only after"));
        }
        add(out, PAGES, rows);

        rows = new ArrayList<>();
        for (StateDiff.Space s : d.spacesAdded()) {
            rows.add(new DiffRow(SPACES, s.pid() + " " + s.name(), "added", ""));
        }
        for (StateDiff.Space s : d.spacesRemoved()) {
            rows.add(new DiffRow(SPACES, s.pid() + " " + s.name(), "removed", ""));
        }
        add(out, SPACES, rows);

        rows = new ArrayList<>();
        for (StateDiff.EntryChange e : d.entries()) {
            MapEntry m = e.after() != null ? e.after() : e.before();
            String item = e.space() + " " + Format.span(m.getVaddr(), m.getSize(), pointerBytes) + " "
                    + PshMem.protText(m.getProt());
            String detail = e.kind() == StateDiff.EntryChangeKind.CHANGED ? String.join("; ", e.what())
                    : m.getObject() == null ? "anonymous" : m.getObject().getName();
            rows.add(new DiffRow(ENTRIES, item, e.kind().name().toLowerCase(), detail));
        }
        add(out, ENTRIES, rows);

        rows = new ArrayList<>();
        for (StateDiff.ObjectChange o : d.objects()) {
            if (o.refsBefore() < 0) {
                rows.add(new DiffRow(OBJECTS, o.name(), "added", "refs " + o.refsAfter() + ", " + o.cachedAfter()
                        + " pages cached"));
            } else if (o.refsAfter() < 0) {
                rows.add(new DiffRow(OBJECTS, o.name(), "removed", "had refs " + o.refsBefore() + ", "
                        + o.cachedBefore() + " pages cached"));
            } else {
                rows.add(new DiffRow(OBJECTS, o.name(), "changed", "refs " + o.refsBefore() + " -> " + o.refsAfter()
                        + ", cached pages " + o.cachedBefore() + " -> " + o.cachedAfter()));
            }
        }
        add(out, OBJECTS, rows);

        rows = new ArrayList<>();
        if (d.kmallocBytesBefore() != d.kmallocBytesAfter()) {
            rows.add(new DiffRow(KMALLOC, "bytes allocated", "changed",
                    d.kmallocBytesBefore() + " -> " + d.kmallocBytesAfter()));
        }
        for (StateDiff.ClassChange c : d.kmallocClasses()) {
            rows.add(new DiffRow(KMALLOC, "class " + c.index() + " (" + Format.size(c.blockSize()) + ")", "changed",
                    "used " + c.usedBefore() + " -> " + c.usedAfter() + " of " + c.totalBefore() + " -> "
                            + c.totalAfter() + " blocks"));
        }
        add(out, KMALLOC, rows);

        if (d.entryPoolUsedBefore() != d.entryPoolUsedAfter()) {
            add(out, POOL, List.of(new DiffRow(POOL, "entries used", "changed", d.entryPoolUsedBefore() + " -> "
                    + d.entryPoolUsedAfter() + " of " + d.entryPoolTotal())));
        }
        return out;
    }

    private static String pages(StateDiff.PageChange p) {
        return p.pages() + " pages, " + Format.size(p.bytes());
    }

    private static void add(List<Section> out, String title, List<DiffRow> rows) {
        if (!rows.isEmpty()) {
            out.add(new Section(title, rows));
        }
    }
}
