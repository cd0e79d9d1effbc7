package org.vmscope.bridge.dwarf;

import java.util.List;
import java.util.Optional;

/** Size and member positions of one named type. */
public record TypeLayout(String name, long size, List<FieldLayout> fields) {
    public TypeLayout {
        fields = List.copyOf(fields);
    }

    public Optional<FieldLayout> field(String member) {
        for (FieldLayout f : fields) {
            if (f.name().equals(member)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
