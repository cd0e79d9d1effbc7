package org.vmscope.bridge.elf;

import java.nio.ByteOrder;

/**
 * The decoded ELF file header.
 *
 * @param is64        ELFCLASS64
 * @param order       byte order of every multi-byte field in the file
 * @param osAbi       EI_OSABI
 * @param type        e_type (ET_REL = 1, ET_EXEC = 2, ET_DYN = 3, ET_CORE = 4)
 * @param machine     decoded e_machine
 * @param machineCode raw e_machine, also for {@link ElfMachine#UNKNOWN}
 * @param entry       e_entry
 * @param flags       e_flags (architecture specific, e.g. the ARM EABI version)
 */
public record ElfHeader(boolean is64, ByteOrder order, int osAbi, int type, ElfMachine machine, int machineCode,
                        long entry, int flags) {
    public static final int ET_REL = 1;
    public static final int ET_EXEC = 2;
    public static final int ET_DYN = 3;
    public static final int ET_CORE = 4;

    /** Pointer size of the target in bytes: 4 or 8. */
    public int addressSize() {
        return is64 ? 8 : 4;
    }

    public boolean isBigEndian() {
        return order == ByteOrder.BIG_ENDIAN;
    }

    public boolean isRelocatable() {
        return type == ET_REL;
    }
}
