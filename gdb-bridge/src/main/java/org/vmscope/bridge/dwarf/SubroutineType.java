package org.vmscope.bridge.dwarf;

import java.util.OptionalLong;

/** A function type, kept opaque: kernel decoding only needs to know a pointer points at code. */
public record SubroutineType(long dieOffset) implements DwarfType {
    @Override
    public String name() {
        return "";
    }

    @Override
    public OptionalLong byteSize() {
        return OptionalLong.empty();
    }

    @Override
    public String displayName() {
        return "function";
    }
}
