package org.vmscope.ui.rows;

import java.util.List;

import org.vmscope.core.MemoryObjectInfo;
import org.vmscope.model.psh.PshMem;

/** A map entry that uses a memory object, under that object in the Memory Objects view. */
public record ObjectUserRow(MemoryObjectInfo object, MemoryObjectInfo.User user, int pointerBytes)
        implements Row, VirtualSpan {

    @Override
    public Object parentElement() {
        return object;
    }

    @Override
    public Object element() {
        return user;
    }

    @Override
    public long pid() {
        return user.pid();
    }

    @Override
    public long va() {
        return user.vaddr();
    }

    @Override
    public long vaBytes() {
        return user.size();
    }

    @Override
    public List<Property> properties() {
        String c = "Object user";
        return List.of(new Property(c, "Object", object.oid() + " (" + object.kind() + ")"),
                new Property(c, "Process", Format.pid(user.pid()) + " " + user.process()),
                new Property(c, "Segment", Format.span(user.vaddr(), user.size(), pointerBytes)),
                new Property(c, "Prot", PshMem.protText(user.prot())),
                new Property(c, "Flags", PshMem.flagsText(user.flags()).strip()),
                new Property(c, "Offset", "0x" + Long.toHexString(user.offs())));
    }
}
