package org.vmscope.bridge.dwarf;

/**
 * One decoded debugging information entry: raw attribute values, decoded further by {@link DieReader}.
 * For inline strings and blocks the value is the data's section offset and {@code aux} its length;
 * for data16 value/aux are the low/high halves. A null entry (end of siblings) has no abbrev.
 */
final class Die {
    final Unit unit;
    final long offset;
    final Abbrev abbrev;
    final int[] forms;
    final long[] values;
    final long[] aux;
    /** Section offset just past this DIE's attributes (its first child, if any). */
    final long end;

    Die(Unit unit, long offset, Abbrev abbrev, int[] forms, long[] values, long[] aux, long end) {
        this.unit = unit;
        this.offset = offset;
        this.abbrev = abbrev;
        this.forms = forms;
        this.values = values;
        this.aux = aux;
        this.end = end;
    }

    boolean isNull() {
        return abbrev == null;
    }

    int tag() {
        return abbrev.tag();
    }

    boolean hasChildren() {
        return abbrev.hasChildren();
    }

    int index(int attr) {
        return abbrev == null ? -1 : abbrev.indexOf(attr);
    }

    boolean has(int attr) {
        return index(attr) >= 0;
    }

    long globalOffset() {
        return unit.global(offset);
    }
}
