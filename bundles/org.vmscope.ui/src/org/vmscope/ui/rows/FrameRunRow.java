package org.vmscope.ui.rows;

import java.util.List;

import org.vmscope.model.page.PageFlags;
import org.vmscope.model.page.PageRun;

/** A run of equal physical pages of the Physical Memory view. */
public record FrameRunRow(PageRun run, long pageSize, int pointerBytes) implements Row, PhysicalSpan {

    @Override
    public Object element() {
        return run;
    }

    @Override
    public long pa() {
        return run.addr();
    }

    @Override
    public long paBytes() {
        return run.count() * pageSize;
    }

    @Override
    public List<Property> properties() {
        String c = "Page run";
        return List.of(new Property(c, "Start", Format.address(pa(), pointerBytes)),
                new Property(c, "End", Format.address(pa() + paBytes() - 1, pointerBytes)),
                new Property(c, "Pages", Long.toString(run.count())),
                new Property(c, "Bytes", Format.size(paBytes())),
                new Property(c, "Marker", Character.toString(run.marker())),
                new Property(c, "Owner", PageFlags.markerOwner(run.marker())),
                new Property(c, "Flags", run.flags() < 0 ? "" : String.format("0x%02x", run.flags())));
    }
}
