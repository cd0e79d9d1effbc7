package org.vmscope.ui.export;

import java.util.List;

/**
 * JSON of a {@link Grid}: an array of objects keyed by column title; a tree row's children are in its
 * {@code "children"} array.
 */
public final class Json {

    private Json() {
    }

    public static String of(Grid g) {
        StringBuilder sb = new StringBuilder();
        int[] next = { 0 };
        rows(sb, g, next, 0, "");
        return sb.append('\n').toString();
    }

    /** Writes the rows of {@code depth} from {@code next[0]} on, as one array; stops at a shallower row. */
    private static void rows(StringBuilder sb, Grid g, int[] next, int depth, String indent) {
        List<Grid.Line> lines = g.lines();
        sb.append('[');
        boolean first = true;
        while (next[0] < lines.size() && lines.get(next[0]).depth() >= depth) {
            Grid.Line l = lines.get(next[0]++);
            sb.append(first ? "\n" : ",\n").append(indent).append("  {");
            first = false;
            for (int i = 0; i < g.header().size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(string(g.header().get(i))).append(": ")
                        .append(string(i < l.cells().size() ? l.cells().get(i) : ""));
            }
            if (next[0] < lines.size() && lines.get(next[0]).depth() > l.depth()) {
                sb.append(", \"children\": ");
                rows(sb, g, next, l.depth() + 1, indent + "    ");
            }
            sb.append('}');
        }
        sb.append(first ? "]" : "\n" + indent + "]");
    }

    static String string(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
