package org.vmscope.bridge.dwarf;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** An enumeration with its enumerators in declaration order. */
public record EnumType(String name, OptionalLong byteSize, List<Enumerator> values, boolean isDeclaration,
                       long dieOffset) implements DwarfType {
    /** One {@code NAME = value}. */
    public record Enumerator(String name, long value) {
    }

    public EnumType {
        values = List.copyOf(values);
    }

    public OptionalLong valueOf(String enumerator) {
        for (Enumerator e : values) {
            if (e.name().equals(enumerator)) {
                return OptionalLong.of(e.value());
            }
        }
        return OptionalLong.empty();
    }

    /** The first enumerator with that value (for showing a number symbolically). */
    public Optional<String> nameOf(long value) {
        return values.stream().filter(e -> e.value() == value).map(Enumerator::name).findFirst();
    }

    @Override
    public String displayName() {
        return "enum " + (name.isEmpty() ? "<anonymous>" : name);
    }
}
