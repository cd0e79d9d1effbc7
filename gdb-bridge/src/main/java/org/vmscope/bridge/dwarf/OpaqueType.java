package org.vmscope.bridge.dwarf;

import java.util.OptionalLong;

/**
 * A type this reader does not model (a C++ reference, unspecified type...) or one whose DIE could not
 * be read when reached through a pointer; {@code why} says which.
 */
public record OpaqueType(String name, int tag, OptionalLong byteSize, String why, long dieOffset)
        implements DwarfType {
    @Override
    public String displayName() {
        return name.isEmpty() ? "<opaque: " + why + ">" : name;
    }
}
