package org.vmscope.bridge.dwarf;

/**
 * A member of a struct or union.
 *
 * @param name      member name, "" for an anonymous struct/union member
 * @param offset    byte offset from the start of the containing structure (for a bitfield: the byte
 *                  holding its first bit, i.e. {@code bitOffset / 8})
 * @param type      member type
 * @param bitSize   width of a bitfield, 0 for an ordinary member
 * @param bitOffset bit offset from the start of the containing structure in DW_AT_data_bit_offset
 *                  terms (counted from the least significant bit of byte 0 on little-endian targets,
 *                  from the most significant bit on big-endian ones); {@code offset * 8} for ordinary
 *                  members. Old-style DW_AT_bit_offset is converted to this.
 */
public record Member(String name, long offset, DwarfType type, int bitSize, long bitOffset) {
    public boolean isBitfield() {
        return bitSize > 0;
    }

    public boolean isAnonymous() {
        return name.isEmpty();
    }

    @Override
    public String toString() {
        return "Member[" + name + " @" + offset + (isBitfield() ? " bits " + bitOffset + ":" + bitSize : "") + " "
                + type.displayName() + "]";
    }
}
