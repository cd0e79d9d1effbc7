package org.vmscope.bridge.cli;

import java.io.PrintStream;
import org.vmscope.bridge.mirror.NamedRoot;
import org.vmscope.bridge.mirror.PagingSetup;
import org.vmscope.bridge.mirror.ReadStats;
import org.vmscope.model.pmap.CacheType;
import org.vmscope.model.pmap.MappedRange;
import org.vmscope.model.pmap.PageAttr;
import org.vmscope.model.pmap.PageEntry;

/** Text and JSON pieces shared by the live-target commands. */
final class MirrorText {
    private MirrorText() {
    }

    /** {@code rwxu} of the union of rights; user rights after a colon when they differ, {@code g} for global. */
    static String attrs(int attr, int userRights, boolean global) {
        StringBuilder sb = new StringBuilder(rights(attr));
        sb.append((attr & PageAttr.USER) != 0 ? 'u' : '-');
        if ((attr & PageAttr.USER) != 0 && (userRights & PageEntry.RIGHTS) != (attr & PageEntry.RIGHTS)) {
            sb.append(":u=").append(rights(userRights));
        }
        if (global) {
            sb.append(" g");
        }
        return sb.toString();
    }

    static String rights(int r) {
        return "" + ((r & PageAttr.READ) != 0 ? 'r' : '-') + ((r & PageAttr.WRITE) != 0 ? 'w' : '-')
                + ((r & PageAttr.EXEC) != 0 ? 'x' : '-');
    }

    static String cache(CacheType c) {
        return switch (c) {
            case WRITE_BACK -> "WB";
            case WRITE_THROUGH -> "WT";
            case NON_CACHEABLE -> "NC";
            case DEVICE -> "DEV";
            case STRONGLY_ORDERED -> "SO";
            case NONE -> "-";
        };
    }

    static String size(long bytes) {
        if (bytes != 0 && bytes % (1L << 30) == 0) {
            return (bytes >>> 30) + "G";
        }
        if (bytes != 0 && bytes % (1L << 20) == 0) {
            return (bytes >>> 20) + "M";
        }
        if (bytes != 0 && bytes % (1L << 10) == 0) {
            return (bytes >>> 10) + "K";
        }
        return "0x" + Long.toHexString(bytes);
    }

    static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    static void header(PrintStream out, String target, PagingSetup s, String ram, String channel) {
        out.println("target " + target + "  arch " + (s.arch() == null ? "?" : s.arch().id()) + "  RAM " + ram
                + "  via " + channel);
        for (NamedRoot r : s.roots()) {
            out.println("root " + r.register() + "=" + hex(r.registerValue()) + " -> " + r.root().format().name()
                    + " table " + hex(r.root().tablePa()));
        }
        for (String n : s.notes()) {
            out.println("note: " + n);
        }
    }

    static String cost(ReadStats s) {
        return String.format("read %d bytes in %d reads, %d round trips, %.1f ms on the wire", s.bytesRead(),
                s.wireReads(), s.roundTrips(), s.wireNanos() / 1e6);
    }

    static void json(JsonWriter j, MappedRange r, String root) {
        j.beginObject().hex("va", r.va()).hex("vaLast", r.vaLast()).hex("pa", r.pa()).hex("size", r.size())
                .field("read", (r.attr() & PageAttr.READ) != 0).field("write", (r.attr() & PageAttr.WRITE) != 0)
                .field("exec", (r.attr() & PageAttr.EXEC) != 0).field("user", (r.attr() & PageAttr.USER) != 0)
                .field("userRights", rights(r.userRights())).field("global", r.global())
                .field("cache", r.cache().name()).field("root", root).endObject();
    }

    static void json(JsonWriter j, PagingSetup s) {
        j.field("arch", s.arch() == null ? null : s.arch().id());
        j.name("roots").beginArray();
        for (NamedRoot r : s.roots()) {
            j.beginObject().field("register", r.register()).hex("value", r.registerValue())
                    .field("format", r.root().format().name()).hex("table", r.root().tablePa()).endObject();
        }
        j.endArray();
        j.name("notes").beginArray();
        for (String n : s.notes()) {
            j.value(n);
        }
        j.endArray();
    }

    static void json(JsonWriter j, ReadStats s) {
        j.name("cost").beginObject().field("bytes", s.bytesRead()).field("wireReads", s.wireReads())
                .field("roundTrips", s.roundTrips()).name("wireMillis").value(s.wireNanos() / 1e6).endObject();
    }
}
