package org.vmscope.ui.rows;

import java.util.List;

import org.vmscope.core.AddressSpace;

/** An address space (the kernel map or a process's map) of the Address Spaces view. */
public record SpaceRow(AddressSpace space, int pointerBytes) implements Row {

    @Override
    public Object element() {
        return space;
    }

    @Override
    public List<Property> properties() {
        String c = "Address space";
        return List.of(new Property(c, "Name", space.name()), new Property(c, "Pid", Format.pid(space.pid())),
                new Property(c, "Start", Format.address(space.start(), pointerBytes)),
                new Property(c, "Stop", Format.address(space.stop(), pointerBytes)),
                new Property(c, "Entries", Integer.toString(space.entries().size())),
                new Property(c, "Mapped", Format.size(space.mappedBytes())));
    }
}
