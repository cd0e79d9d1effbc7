package org.vmscope.bridge.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.vmscope.bridge.kernel.EntryPoolInfo;
import org.vmscope.bridge.kernel.KernelException;
import org.vmscope.bridge.kernel.KernelImage;
import org.vmscope.bridge.kernel.KernelReader;
import org.vmscope.bridge.kernel.PageAllocatorInfo;
import org.vmscope.bridge.mirror.Mirror;
import org.vmscope.bridge.mirror.MirrorException;
import org.vmscope.model.map.EntryInfo;
import org.vmscope.model.page.PageRun;
import org.vmscope.model.psh.PshMem;

/**
 * {@code vmscope mem}: psh's {@code mem} applet computed from a halted live kernel's memory and its ELF,
 * so the output can be compared with psh on the target byte for byte.
 */
final class MemCommand implements Command {

    @Override
    public String name() {
        return "mem";
    }

    @Override
    public String summary() {
        return "psh 'mem' (summary, -m PID|kernel, -p) decoded from a live Phoenix-RTOS kernel and its ELF";
    }

    @Override
    public String usage() {
        return "usage: vmscope mem --target HOST:PORT --kernel ELF [--layout FILE] [-m PID|kernel | -p] [--json]\n"
                + "Reads the kernel's VM globals (pages_info, map_common, process_common) through the page tables\n"
                + "and prints what psh's mem would: the summary line, a map's entries (-m) or the page runs (-p).\n"
                + KernelArgs.USAGE + "\n"
                + "Exit status 1 when the ELF is refused or the kernel's structures show problems.\n"
                + TargetArgs.USAGE_COMMON;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        TargetArgs t = TargetArgs.parse(args, KernelArgs.flags("-p"), KernelArgs.valued("-m"));
        if (!t.positional.isEmpty()) {
            throw new UsageException("unexpected argument " + t.positional.get(0));
        }
        String who = t.valued.get("-m");
        boolean pages = t.flags.contains("-p");
        if (who != null && pages) {
            throw new UsageException("-m and -p cannot be combined");
        }
        Integer pid = null;
        if (who != null && !who.equals("kernel")) {
            try {
                pid = Integer.parseInt(who);
            } catch (NumberFormatException e) {
                throw new UsageException("-m takes a pid or 'kernel', not '" + who + "'");
            }
        }
        KernelImage image;
        try {
            image = KernelArgs.open(t);
        } catch (KernelException e) {
            err.println("vmscope mem: " + e.getMessage());
            return 1;
        }
        try (Mirror m = t.connect()) {
            KernelArgs.verify(t, image, m);
            KernelReader r = new KernelReader(image, m);
            int status = 0;
            JsonWriter j = t.json ? new JsonWriter().beginObject().field("target", t.targetName()) : null;
            if (who != null) {
                List<EntryInfo> entries;
                if (pid == null) {
                    entries = r.kernelMap();
                } else {
                    Optional<List<EntryInfo>> e = r.processMap(pid);
                    if (e.isEmpty()) {
                        err.print(PshMem.processNotFound(pid));
                        return 1;
                    }
                    entries = e.get();
                }
                if (j != null) {
                    j.field("map", who);
                    json(j, entries);
                } else {
                    out.print(PshMem.map(entries, image.pointerBytes()));
                }
            } else {
                PageAllocatorInfo p = r.pages(pages);
                if (pages) {
                    if (j != null) {
                        json(j, p);
                    } else {
                        out.println(PshMem.pages(p.runs(), p.pageShift()));
                    }
                } else {
                    EntryPoolInfo pool = r.entryPool();
                    if (j != null) {
                        j.field("alloc", p.allocBytes()).field("free", p.freeBytes()).field("boot", p.bootBytes())
                                .field("entriesTotal", pool.total()).field("entriesFree", pool.free());
                    } else {
                        out.print(PshMem.summary(p.allocBytes(), p.freeBytes(), p.bootBytes(), pool.total(), pool.free()));
                    }
                }
            }
            if (j != null) {
                j.name("problems").beginArray();
                r.problems().forEach(j::value);
                out.println(j.endArray().endObject());
            }
            for (String p : r.problems()) {
                err.println("problem: " + p);
                status = 1;
            }
            return status;
        } catch (MirrorException | KernelException e) {
            err.println("vmscope mem: " + e.getMessage());
            return 1;
        }
    }

    private static void json(JsonWriter j, List<EntryInfo> entries) {
        j.name("entries").beginArray();
        for (EntryInfo e : entries) {
            j.beginObject().hex("vaddr", e.vaddr()).hex("size", e.size()).field("anonsz", e.anonsz())
                    .field("flags", e.flags()).field("prot", e.prot()).field("protOrig", e.protOrig())
                    .hex("offs", e.offs()).field("object", Map.of(0, "anonymous", 1, "memory", 2, "oid")
                            .getOrDefault(e.objectKind(), "?"))
                    .field("oid", e.oidPort() + "." + Long.toUnsignedString(e.oidId())).endObject();
        }
        j.endArray();
    }

    private static void json(JsonWriter j, PageAllocatorInfo p) {
        j.field("pageSize", p.pageSize()).field("pages", p.pageCount());
        j.name("runs").beginArray();
        for (PageRun run : p.runs()) {
            j.beginObject().hex("addr", run.addr()).field("count", run.count())
                    .field("marker", String.valueOf(run.marker())).hex("flags", run.flags()).endObject();
        }
        j.endArray();
    }
}
