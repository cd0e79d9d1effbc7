package org.vmscope.ui.export;

import java.util.List;

/**
 * A view's content as text cells: the column titles and one line per row, children after their parent.
 *
 * @param header the column titles
 */
public record Grid(List<String> header, List<Line> lines) {

    public Grid {
        header = List.copyOf(header);
        lines = List.copyOf(lines);
    }

    /** One row: {@code depth} 0 for a top-level row, 1 for its children. */
    public record Line(int depth, List<String> cells) {
        public Line {
            cells = List.copyOf(cells);
        }
    }
}
