package org.vmscope.bridge.dwarf;

import java.util.Optional;

/**
 * Sizes and member offsets of kernel types, whatever their source (DWARF or a text file), so
 * kernel-awareness code can say {@code layout.offsetOf("page_t", "next")} and detect variants by
 * structure ({@code layout.hasMember("page_t", "prev")}) rather than by version.
 */
public interface Layout {
    /** The layout of a type by name ("page_t", "struct _page_t"); empty when unknown. */
    Optional<TypeLayout> find(String typeName) throws LayoutException;

    /** Size of the type in bytes. */
    default long sizeOf(String typeName) throws LayoutException {
        return require(typeName).size();
    }

    /** Byte offset of a member (a dotted path reaches into nested by-value structures). */
    default long offsetOf(String typeName, String member) throws LayoutException {
        return field(typeName, member).offset();
    }

    /** The member, or a LayoutException naming the type and member when absent. */
    default FieldLayout field(String typeName, String member) throws LayoutException {
        return require(typeName).field(member).orElseThrow(() -> new LayoutException(
                "type " + typeName + " has no member '" + member + "'"));
    }

    default boolean hasType(String typeName) throws LayoutException {
        return find(typeName).isPresent();
    }

    default boolean hasMember(String typeName, String member) throws LayoutException {
        Optional<TypeLayout> t = find(typeName);
        return t.isPresent() && t.get().field(member).isPresent();
    }

    private TypeLayout require(String typeName) throws LayoutException {
        return find(typeName).orElseThrow(() -> new LayoutException("unknown type " + typeName));
    }
}
