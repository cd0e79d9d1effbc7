package org.vmscope.bridge.dwarf;

import java.nio.ByteBuffer;

/**
 * A debug section holding DIEs (.debug_info or .debug_types). DIE offsets are made global by adding
 * {@link #base}, so one long names a DIE in either section.
 */
final class DebugSection {
    static final long TYPES_BASE = 1L << 40;

    final String name;
    final ByteBuffer data;
    final long base;
    final boolean dwo;

    DebugSection(String name, ByteBuffer data, long base, boolean dwo) {
        this.name = name;
        this.data = data;
        this.base = base;
        this.dwo = dwo;
    }
}
