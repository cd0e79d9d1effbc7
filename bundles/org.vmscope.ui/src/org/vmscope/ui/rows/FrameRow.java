package org.vmscope.ui.rows;

import java.util.List;

import org.vmscope.model.page.PageFlags;
import org.vmscope.model.page.PageRun;

/**
 * One physical frame picked in the frame map: its owner, every virtual address that maps it (the reverse map
 * of all address spaces' page tables) and the objects of the entries those addresses are in.
 *
 * @param mappings e.g. {@code pid 2 psh 0x08048000}, {@code kernel 0xc0100000}
 * @param objects  the distinct objects of those entries as psh names them, e.g. {@code 2.3002}, {@code (anonymous)}
 */
public record FrameRow(long pa, PageRun run, long pageSize, List<String> mappings, List<String> objects,
        int pointerBytes) implements Row, PhysicalSpan {

    public FrameRow {
        mappings = List.copyOf(mappings);
        objects = List.copyOf(objects);
    }

    @Override
    public Object element() {
        return run;
    }

    @Override
    public long paBytes() {
        return pageSize;
    }

    /** One line for a tooltip or status line. */
    public String describe() {
        return Format.address(pa, pointerBytes) + ": " + PageFlags.markerOwner(run.marker())
                + (mappings.isEmpty() ? ", not mapped" : ", mapped at " + String.join(", ", mappings))
                + (objects.isEmpty() ? "" : "; object " + String.join(", ", objects));
    }

    @Override
    public List<Property> properties() {
        String c = "Frame";
        return List.of(new Property(c, "Frame", Format.address(pa, pointerBytes)),
                new Property(c, "Marker", Character.toString(run.marker())),
                new Property(c, "Owner", PageFlags.markerOwner(run.marker())),
                new Property(c, "Run", Format.span(run.addr(), run.count() * pageSize, pointerBytes)),
                new Property(c, "Mapped at", String.join(", ", mappings)),
                new Property(c, "Objects", String.join(", ", objects)));
    }
}
