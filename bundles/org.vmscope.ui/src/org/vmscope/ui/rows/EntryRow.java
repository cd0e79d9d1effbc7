package org.vmscope.ui.rows;

import java.util.List;

import org.vmscope.core.AddressSpace;
import org.vmscope.model.map.EntryInfo;
import org.vmscope.model.map.Mman;
import org.vmscope.model.psh.PshMem;

/** A map entry of one address space, with psh's {@code mem -m} fields. */
public record EntryRow(AddressSpace space, EntryInfo entry, int pointerBytes) implements Row, VirtualSpan {

    @Override
    public Object parentElement() {
        return space;
    }

    @Override
    public Object element() {
        return entry;
    }

    @Override
    public long pid() {
        return space.pid();
    }

    @Override
    public long va() {
        return entry.vaddr();
    }

    @Override
    public long vaBytes() {
        return entry.size();
    }

    /** The object's {@code port.id}, or null for anonymous and physical memory. */
    public String objectId() {
        return entry.objectKind() == EntryInfo.OBJECT_OID
                ? entry.oidPort() + "." + Long.toUnsignedString(entry.oidId()) : null;
    }

    @Override
    public List<Property> properties() {
        String c = "Map entry";
        return List.of(new Property(c, "Address space", space.pid() == AddressSpace.KERNEL ? "kernel"
                        : space.pid() + " " + space.name()),
                new Property(c, "Segment", Format.span(entry.vaddr(), entry.size(), pointerBytes)),
                new Property(c, "Size", Format.size(entry.size())),
                new Property(c, "Prot", PshMem.protText(entry.prot())),
                new Property(c, "Original prot", PshMem.protText(entry.protOrig())),
                new Property(c, "Flags", PshMem.flagsText(entry.flags()).strip()),
                new Property(c, "Offset", entry.offs() == Mman.OFFS_MAX ? "" : "0x" + Long.toHexString(entry.offs())),
                new Property(c, "Object", PshMem.objectText(entry)),
                new Property(c, "Anon bytes", entry.anonsz() == -1 ? "" : Format.size(entry.anonsz())));
    }
}
