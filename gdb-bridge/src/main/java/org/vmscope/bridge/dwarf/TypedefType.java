package org.vmscope.bridge.dwarf;

import java.util.OptionalLong;

/** {@code typedef target name;} */
public record TypedefType(String name, DwarfType target, long dieOffset) implements DwarfType {
    @Override
    public OptionalLong byteSize() {
        return target.byteSize();
    }

    @Override
    public String displayName() {
        return name;
    }
}
