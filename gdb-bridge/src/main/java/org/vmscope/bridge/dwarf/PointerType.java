package org.vmscope.bridge.dwarf;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * A pointer (or C++ reference). The target is filled in once after construction, which lets
 * self-referential structures ({@code struct page *next}) be represented without recursion.
 */
public final class PointerType implements DwarfType {
    private final long size;
    private final long dieOffset;
    private DwarfType target;

    PointerType(long size, long dieOffset) {
        this.size = size;
        this.dieOffset = dieOffset;
    }

    void resolve(DwarfType t) {
        this.target = Objects.requireNonNull(t);
    }

    /** The pointed-to type ({@link VoidType} for {@code void *}). */
    public DwarfType target() {
        return target == null ? VoidType.INSTANCE : target;
    }

    @Override
    public String name() {
        return "";
    }

    @Override
    public OptionalLong byteSize() {
        return OptionalLong.of(size);
    }

    @Override
    public long dieOffset() {
        return dieOffset;
    }

    @Override
    public String displayName() {
        DwarfType t = this;
        StringBuilder stars = new StringBuilder();
        while (t instanceof PointerType p && stars.length() < 64) { // bounded: a crafted pointer may point to itself
            stars.append('*');
            t = p.target();
        }
        String base = t instanceof PointerType ? "<pointer cycle>" : t.displayName();
        return base + " " + stars;
    }

    @Override
    public String toString() {
        return "PointerType[" + displayName() + "]";
    }
}
