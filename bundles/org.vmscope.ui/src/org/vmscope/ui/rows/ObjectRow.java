package org.vmscope.ui.rows;

import java.util.List;
import java.util.stream.Collectors;

import org.vmscope.core.MemoryObjectInfo;

/** A memory object ({@code vm_object_t}) with its reference count and cache. */
public record ObjectRow(MemoryObjectInfo object) implements Row {

    @Override
    public Object element() {
        return object;
    }

    @Override
    public List<Property> properties() {
        String c = "Memory object";
        return List.of(new Property(c, "Object", object.oid()), new Property(c, "Kind", object.kind()),
                new Property(c, "Size", Format.size(object.size())),
                new Property(c, "Refs", Long.toString(object.refs())),
                new Property(c, "Cached pages", Long.toString(object.cachedPages())),
                new Property(c, "Used by", object.pids().stream().map(Format::pid).collect(Collectors.joining(", "))),
                new Property(c, "Entries", Integer.toString(object.users().size())));
    }
}
