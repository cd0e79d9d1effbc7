package org.vmscope.bridge.dwarf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link Layout} read from DWARF. Struct and union fields are flattened: anonymous members under
 * their own names, nested by-value structures as dotted paths (bounded depth). Non-structure types
 * (base types, typedefs of pointers...) have a size and no fields.
 */
public final class DwarfLayout implements Layout {
    private static final int MAX_NESTING = 8;
    private static final int MAX_FIELDS = 4096;

    private final DwarfInfo dwarf;
    private final Map<String, Optional<TypeLayout>> cache = new ConcurrentHashMap<>();

    public DwarfLayout(DwarfInfo dwarf) {
        this.dwarf = dwarf;
    }

    @Override
    public Optional<TypeLayout> find(String typeName) throws LayoutException {
        Optional<TypeLayout> hit = cache.get(typeName);
        if (hit != null) {
            return hit;
        }
        Optional<DwarfType> t;
        try {
            t = dwarf.type(typeName);
        } catch (DwarfFormatException e) {
            throw new LayoutException("cannot read type " + typeName + ": " + e.getMessage(), e);
        }
        Optional<TypeLayout> result = t.isEmpty() ? Optional.empty() : Optional.of(layoutOf(typeName, t.get()));
        cache.put(typeName, result);
        return result;
    }

    private static TypeLayout layoutOf(String typeName, DwarfType type) throws LayoutException {
        DwarfType u = type.unqualified();
        OptionalLong size = type.byteSize();
        if (size.isEmpty()) {
            throw new LayoutException("type " + typeName + " (" + type.displayName() + ") has no known size"
                    + (u instanceof StructType s && s.isDeclaration() ? ": only a declaration was found" : ""));
        }
        return new TypeLayout(typeName, size.getAsLong(), fieldsOf(type));
    }

    /**
     * The flattened fields of {@code type}: empty unless it is (a qualified or typedef'd) structure or
     * union. Shared with layouts that start from a variable's anonymous type rather than a type name.
     */
    public static List<FieldLayout> fieldsOf(DwarfType type) {
        List<FieldLayout> fields = new ArrayList<>();
        if (type.unqualified() instanceof StructType s) {
            flatten(s, "", 0, 0, fields);
        }
        return fields;
    }

    private static void flatten(StructType s, String prefix, long base, int depth, List<FieldLayout> out) {
        for (Member m : s.members()) {
            if (out.size() >= MAX_FIELDS) {
                return;
            }
            DwarfType inner = m.type().unqualified();
            if (m.isAnonymous()) {
                if (inner instanceof StructType anon && depth < MAX_NESTING) {
                    flatten(anon, prefix, base + m.offset(), depth + 1, out);
                }
                continue;
            }
            String path = prefix + m.name();
            long size = m.type().byteSize().orElse(0);
            out.add(new FieldLayout(path, base + m.offset(), size, base * 8 + m.bitOffset(), m.bitSize(),
                    m.type().displayName()));
            if (inner instanceof StructType nested && !m.isBitfield() && depth < MAX_NESTING) {
                flatten(nested, path + ".", base + m.offset(), depth + 1, out);
            }
        }
    }
}
