package org.vmscope.ui.rows;

import java.util.List;

import org.vmscope.core.PageTableSpace;
import org.vmscope.model.pmap.MappedRange;
import org.vmscope.model.pmap.PageAttr;

/** A merged range of the hardware page tables of one address space: contiguous VAs onto contiguous PAs. */
public record RangeRow(PageTableSpace space, MappedRange range, int pointerBytes)
        implements Row, VirtualSpan, PhysicalSpan {

    @Override
    public Object element() {
        return range;
    }

    @Override
    public long pid() {
        return space.pid();
    }

    @Override
    public long va() {
        return range.va();
    }

    @Override
    public long vaBytes() {
        return range.size();
    }

    @Override
    public long pa() {
        return range.pa();
    }

    @Override
    public long paBytes() {
        return range.size();
    }

    @Override
    public List<Property> properties() {
        String c = "Page-table range";
        return List.of(new Property(c, "Address space", space.name()),
                new Property(c, "Virtual", Format.span(range.va(), range.size(), pointerBytes)),
                new Property(c, "Physical", Format.span(range.pa(), range.size(), pointerBytes)),
                new Property(c, "Size", Format.size(range.size())),
                new Property(c, "Attributes", PageAttr.describe(range.attr())),
                new Property(c, "Cache", String.valueOf(range.cache())),
                new Property(c, "Global", range.global() ? "yes" : "no"));
    }
}
