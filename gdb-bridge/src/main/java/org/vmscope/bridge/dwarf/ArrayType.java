package org.vmscope.bridge.dwarf;

import java.util.List;
import java.util.OptionalLong;

/**
 * An array, possibly multi-dimensional ({@code int a[2][3]} has dimensions [2, 3] and element int).
 * A flexible array member ({@code page_t *pages[]}) has a dimension without a count.
 */
public record ArrayType(DwarfType element, List<Dimension> dimensions, OptionalLong declaredByteSize,
                        long dieOffset) implements DwarfType {
    /** One subrange: C arrays have lower bound 0; count is empty when unknown (flexible or variable). */
    public record Dimension(long lowerBound, OptionalLong count) {
    }

    public ArrayType {
        dimensions = List.copyOf(dimensions);
    }

    @Override
    public String name() {
        return "";
    }

    /** True when some dimension has no known count, as for a flexible array member. */
    public boolean isFlexible() {
        return dimensions.stream().anyMatch(d -> d.count().isEmpty());
    }

    /** Product of all counts; empty when any is unknown. */
    public OptionalLong elementCount() {
        long n = 1;
        for (Dimension d : dimensions) {
            if (d.count().isEmpty()) {
                return OptionalLong.empty();
            }
            n = Math.multiplyHigh(n, d.count().getAsLong()) != 0 ? Long.MAX_VALUE : n * d.count().getAsLong();
        }
        return OptionalLong.of(n);
    }

    @Override
    public OptionalLong byteSize() {
        if (declaredByteSize.isPresent()) {
            return declaredByteSize;
        }
        OptionalLong count = elementCount();
        OptionalLong each = element.byteSize();
        if (count.isEmpty() || each.isEmpty()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(count.getAsLong() * each.getAsLong());
    }

    @Override
    public String displayName() {
        StringBuilder b = new StringBuilder(element.displayName()).append(' ');
        for (Dimension d : dimensions) {
            b.append('[').append(d.count().isPresent() ? Long.toString(d.count().getAsLong()) : "").append(']');
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return "ArrayType[" + displayName() + "]";
    }
}
