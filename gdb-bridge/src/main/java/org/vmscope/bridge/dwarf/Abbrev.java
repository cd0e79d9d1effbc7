package org.vmscope.bridge.dwarf;

/** One abbreviation declaration: the tag and the (attribute, form) list shared by many DIEs. */
record Abbrev(long code, int tag, boolean hasChildren, int[] attrs, int[] forms, long[] implicitConsts) {
    int indexOf(int attr) {
        for (int i = 0; i < attrs.length; i++) {
            if (attrs[i] == attr) {
                return i;
            }
        }
        return -1;
    }
}
