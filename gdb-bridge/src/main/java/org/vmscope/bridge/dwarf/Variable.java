package org.vmscope.bridge.dwarf;

import java.util.OptionalLong;

/**
 * A global or file-static variable.
 *
 * @param name            variable name
 * @param type            its type
 * @param address         static address from DW_OP_addr / DW_OP_addrx; empty for declarations,
 *                        thread-local or optimised-out variables
 * @param external        DW_AT_external (a global rather than a file-static)
 * @param compilationUnit DW_AT_name of the unit that defines it (e.g. "vm/page.c")
 * @param dieOffset       global DIE offset
 */
public record Variable(String name, DwarfType type, OptionalLong address, boolean external, String compilationUnit,
                       long dieOffset) {
    @Override
    public String toString() {
        return "Variable[" + name + " : " + type.displayName() + " @"
                + (address.isPresent() ? "0x" + Long.toHexString(address.getAsLong()) : "?") + " in "
                + compilationUnit + "]";
    }
}
