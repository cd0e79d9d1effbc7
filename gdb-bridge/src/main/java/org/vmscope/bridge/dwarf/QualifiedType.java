package org.vmscope.bridge.dwarf;

import java.util.OptionalLong;

/** A const, volatile, restrict or _Atomic view of {@code target}. */
public record QualifiedType(Qualifier qualifier, DwarfType target, long dieOffset) implements DwarfType {
    /** The DWARF qualifier tags. */
    public enum Qualifier { CONST, VOLATILE, RESTRICT, ATOMIC, IMMUTABLE }

    @Override
    public String name() {
        return "";
    }

    @Override
    public OptionalLong byteSize() {
        return target.byteSize();
    }

    @Override
    public String displayName() {
        return qualifier.name().toLowerCase(java.util.Locale.ROOT) + " " + target.displayName();
    }
}
