package org.vmscope.bridge.dwarf;

import java.util.OptionalLong;

/** The absent type: what a {@code void *} points to or a typedef of void names. */
public final class VoidType implements DwarfType {
    public static final VoidType INSTANCE = new VoidType();

    private VoidType() {
    }

    @Override
    public String name() {
        return "void";
    }

    @Override
    public OptionalLong byteSize() {
        return OptionalLong.empty();
    }

    @Override
    public long dieOffset() {
        return -1;
    }

    @Override
    public String displayName() {
        return "void";
    }

    @Override
    public String toString() {
        return "void";
    }
}
