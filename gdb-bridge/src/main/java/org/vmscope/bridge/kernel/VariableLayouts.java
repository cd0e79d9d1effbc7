package org.vmscope.bridge.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import org.vmscope.bridge.dwarf.DwarfType;
import org.vmscope.bridge.dwarf.FieldLayout;
import org.vmscope.bridge.dwarf.Member;
import org.vmscope.bridge.dwarf.StructType;
import org.vmscope.bridge.dwarf.TypeLayout;

/**
 * The layout of a variable's own type. Phoenix's {@code *_common} globals have anonymous struct types
 * that no type name reaches, so their layout comes from the variable's DWARF type, flattened like
 * {@link org.vmscope.bridge.dwarf.DwarfLayout} does (anonymous members under their names, nested
 * by-value structures as dotted paths).
 */
final class VariableLayouts {
    private static final int MAX_NESTING = 8;
    private static final int MAX_FIELDS = 4096;

    private VariableLayouts() {
    }

    static TypeLayout of(String name, DwarfType type) throws KernelException {
        OptionalLong size = type.byteSize();
        if (size.isEmpty()) {
            throw new KernelException("the type of " + name + " (" + type.displayName() + ") has no known size");
        }
        List<FieldLayout> fields = new ArrayList<>();
        if (type.unqualified() instanceof StructType s) {
            flatten(s, "", 0, 0, fields);
        }
        return new TypeLayout(name, size.getAsLong(), fields);
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
            out.add(new FieldLayout(path, base + m.offset(), m.type().byteSize().orElse(0),
                    base * 8 + m.bitOffset(), m.bitSize(), m.type().displayName()));
            if (inner instanceof StructType nested && !m.isBitfield() && depth < MAX_NESTING) {
                flatten(nested, path + ".", base + m.offset(), depth + 1, out);
            }
        }
    }
}
