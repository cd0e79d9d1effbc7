package org.vmscope.ui.export;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV of a {@link Grid}: the header, then one line per row. Tree rows get a leading {@code Level}
 * column (0 parent, 1 child) so the flat file keeps the nesting.
 */
public final class Csv {

    private Csv() {
    }

    public static String of(Grid g, boolean tree) {
        StringBuilder sb = new StringBuilder();
        List<String> header = new ArrayList<>(g.header());
        if (tree) {
            header.add(0, "Level");
        }
        line(sb, header);
        for (Grid.Line l : g.lines()) {
            List<String> cells = new ArrayList<>(l.cells());
            if (tree) {
                cells.add(0, Integer.toString(l.depth()));
            }
            line(sb, cells);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(field(cells.get(i)));
        }
        sb.append("\r\n");
    }

    static String field(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
