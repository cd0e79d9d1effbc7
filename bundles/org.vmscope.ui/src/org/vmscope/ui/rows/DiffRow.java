package org.vmscope.ui.rows;

import java.util.List;

/**
 * One change between two snapshots, as the Snapshot Diff view lists it under its section.
 *
 * @param section e.g. {@code Pages}, {@code Entries}
 * @param item    what changed, e.g. {@code A app}, {@code 3 psh 0x00400000 - 0x0041ffff r-x}
 * @param change  {@code allocated}, {@code freed}, {@code added}, {@code removed} or {@code changed}
 * @param detail  how, e.g. {@code 4 pages, 16 KiB}, {@code refs 2 -> 1}
 */
public record DiffRow(String section, String item, String change, String detail) implements Row {

    @Override
    public Object element() {
        return this;
    }

    @Override
    public List<Property> properties() {
        return List.of(new Property(section, "Item", item), new Property(section, "Change", change),
                new Property(section, "Detail", detail));
    }
}
