package org.vmscope.bridge.cli;

import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.vmscope.model.state.MapEntry;
import org.vmscope.model.state.State;
import org.vmscope.model.state.diff.StateDiff;
import org.vmscope.model.state.diff.StateDiff.ClassChange;
import org.vmscope.model.state.diff.StateDiff.EntryChange;
import org.vmscope.model.state.diff.StateDiff.ObjectChange;
import org.vmscope.model.state.diff.StateDiff.PageChange;
import org.vmscope.model.state.diff.StateDiff.Space;
import org.vmscope.model.state.snapshot.SnapshotException;
import org.vmscope.model.state.snapshot.Snapshots;

/**
 * {@code vmscope diff A B}: what changed from snapshot A to snapshot B (pages by owner, address spaces, map
 * entries, objects, kmalloc, entry pool). Exit status like diff(1): 0 no differences, 1 differences,
 * 2 bad arguments or a file that is not a readable snapshot.
 */
final class DiffCommand implements Command {

    @Override
    public String name() {
        return "diff";
    }

    @Override
    public String summary() {
        return "compare two snapshot files: pages, maps, objects, kmalloc, entry pool";
    }

    @Override
    public String usage() {
        return """
                usage: vmscope diff [--json] BEFORE AFTER
                  BEFORE AFTER    snapshot files (vmscope sim --snapshot, vmscope snapshot)
                  --json          print the differences as JSON
                Exit status: 0 no differences, 1 differences, 2 bad arguments or an unreadable snapshot.""";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        boolean json = false;
        List<String> files = new ArrayList<>();
        for (String a : args) {
            if (a.equals("--json")) {
                json = true;
            } else if (a.startsWith("-") && a.length() > 1) {
                throw new UsageException("unknown option '" + a + "'");
            } else {
                files.add(a);
            }
        }
        if (files.size() != 2) {
            throw new UsageException("needs two snapshot files, got " + files.size());
        }
        State before;
        State after;
        try {
            before = load(files.get(0));
            after = load(files.get(1));
        } catch (SnapshotException e) {
            err.println("vmscope diff: " + e.getMessage());
            return 2;
        }
        StateDiff d = StateDiff.between(before, after);
        if (json) {
            out.println(json(d, before, after));
        } else {
            out.print(d.toText());
        }
        return d.isEmpty() ? 0 : 1;
    }

    private static State load(String file) throws SnapshotException {
        Path p;
        try {
            p = Path.of(file);
        } catch (InvalidPathException e) {
            throw new SnapshotException(SnapshotException.Reason.IO, file + ": cannot read: " + e.getMessage(), e);
        }
        return Snapshots.load(p);
    }

    static String json(StateDiff d, State before, State after) {
        JsonWriter j = new JsonWriter().beginObject();
        j.field("differences", !d.isEmpty());
        j.name("pages").beginObject();
        j.field("compared", before.getTarget().getPageSize() == after.getTarget().getPageSize());
        j.field("allocated", d.pagesAllocated()).field("freed", d.pagesFreed());
        j.field("onlyBefore", d.pagesOnlyBefore()).field("onlyAfter", d.pagesOnlyAfter());
        pageChanges(j, "allocatedByOwner", d.allocated());
        pageChanges(j, "freedByOwner", d.freed());
        j.endObject();
        spaces(j, "spacesAdded", d.spacesAdded());
        spaces(j, "spacesRemoved", d.spacesRemoved());
        j.name("entries").beginArray();
        for (EntryChange e : d.entries()) {
            MapEntry m = e.after() != null ? e.after() : e.before();
            j.beginObject().field("change", e.kind().name()).field("pid", e.pid()).field("space", e.space())
                    .hex("vaddr", e.vaddr()).hex("size", m.getSize())
                    .name("object").value(m.getObject() == null ? null : m.getObject().getName());
            j.name("what").beginArray();
            e.what().forEach(j::value);
            j.endArray().endObject();
        }
        j.endArray();
        j.name("objects").beginArray();
        for (ObjectChange o : d.objects()) {
            j.beginObject().field("name", o.name()).field("refsBefore", o.refsBefore())
                    .field("refsAfter", o.refsAfter()).field("cachedBefore", o.cachedBefore())
                    .field("cachedAfter", o.cachedAfter()).endObject();
        }
        j.endArray();
        j.name("kmalloc").beginObject().field("bytesBefore", d.kmallocBytesBefore())
                .field("bytesAfter", d.kmallocBytesAfter());
        j.name("classes").beginArray();
        for (ClassChange c : d.kmallocClasses()) {
            j.beginObject().field("index", c.index()).field("blockSize", c.blockSize())
                    .field("usedBefore", c.usedBefore()).field("usedAfter", c.usedAfter())
                    .field("totalBefore", c.totalBefore()).field("totalAfter", c.totalAfter()).endObject();
        }
        j.endArray().endObject();
        j.name("entryPool").beginObject().field("usedBefore", d.entryPoolUsedBefore())
                .field("usedAfter", d.entryPoolUsedAfter()).field("total", d.entryPoolTotal()).endObject();
        return j.endObject().toString();
    }

    private static void pageChanges(JsonWriter j, String name, List<PageChange> changes) {
        j.name(name).beginArray();
        for (PageChange p : changes) {
            j.beginObject().field("marker", String.valueOf(p.marker())).field("owner", p.owner())
                    .field("pages", p.pages()).field("bytes", p.bytes()).endObject();
        }
        j.endArray();
    }

    private static void spaces(JsonWriter j, String name, List<Space> spaces) {
        j.name(name).beginArray();
        for (Space s : spaces) {
            j.beginObject().field("pid", s.pid()).field("name", s.name()).endObject();
        }
        j.endArray();
    }
}
