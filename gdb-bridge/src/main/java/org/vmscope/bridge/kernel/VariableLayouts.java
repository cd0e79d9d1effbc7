package org.vmscope.bridge.kernel;

import java.util.OptionalLong;

import org.vmscope.bridge.dwarf.DwarfLayout;
import org.vmscope.bridge.dwarf.DwarfType;
import org.vmscope.bridge.dwarf.TypeLayout;

/**
 * The layout of a variable's own type. Phoenix's {@code *_common} globals have anonymous struct types
 * that no type name reaches, so their layout comes from the variable's DWARF type, flattened by
 * {@link DwarfLayout#fieldsOf} (anonymous members under their names, nested
 * by-value structures as dotted paths).
 */
final class VariableLayouts {
    private VariableLayouts() {
    }

    static TypeLayout of(String name, DwarfType type) throws KernelException {
        OptionalLong size = type.byteSize();
        if (size.isEmpty()) {
            throw new KernelException("the type of " + name + " (" + type.displayName() + ") has no known size");
        }
        return new TypeLayout(name, size.getAsLong(), DwarfLayout.fieldsOf(type));
    }
}
