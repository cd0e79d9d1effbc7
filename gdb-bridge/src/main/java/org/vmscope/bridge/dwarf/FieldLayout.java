package org.vmscope.bridge.dwarf;

/**
 * Where one member lives inside its structure.
 *
 * @param name      member name; members of nested (by-value) structures appear as dotted paths
 *                  ("linkage.left"), members of anonymous structs/unions under their own name
 * @param offset    byte offset from the start of the outer structure
 * @param size      size in bytes (0 for a flexible array; the storage unit for a bitfield when known)
 * @param bitOffset for bitfields, the {@link Member#bitOffset()} from the start of the outer structure;
 *                  otherwise {@code offset * 8}
 * @param bitSize   bitfield width, 0 for ordinary members
 * @param typeName  C spelling of the member type ("" when the layout source does not say)
 */
public record FieldLayout(String name, long offset, long size, long bitOffset, int bitSize, String typeName) {
    public boolean isBitfield() {
        return bitSize > 0;
    }
}
