package org.vmscope.bridge.elf;

/**
 * One symbol table entry.
 *
 * @param name         symbol name ("" for unnamed)
 * @param value        st_value: an address in linked files, a section offset in relocatable ones
 * @param size         st_size
 * @param type         STT_* value
 * @param binding      STB_* value
 * @param visibility   STV_* value
 * @param sectionIndex st_shndx (SHN_UNDEF = 0, SHN_ABS = 0xfff1, SHN_COMMON = 0xfff2)
 * @param file         for STB_LOCAL symbols the name of the last STT_FILE symbol before it (the
 *                     compilation unit a file-static belongs to); "" when unknown or for globals
 * @param dynamic      true when it comes from .dynsym rather than .symtab
 */
public record ElfSymbol(String name, long value, long size, int type, int binding, int visibility,
                        int sectionIndex, String file, boolean dynamic) {
    public static final int STT_NOTYPE = 0;
    public static final int STT_OBJECT = 1;
    public static final int STT_FUNC = 2;
    public static final int STT_SECTION = 3;
    public static final int STT_FILE = 4;
    public static final int STT_COMMON = 5;
    public static final int STT_TLS = 6;

    public static final int STB_LOCAL = 0;
    public static final int STB_GLOBAL = 1;
    public static final int STB_WEAK = 2;

    public static final int SHN_UNDEF = 0;
    public static final int SHN_ABS = 0xfff1;
    public static final int SHN_COMMON = 0xfff2;

    public boolean isLocal() {
        return binding == STB_LOCAL;
    }

    public boolean isDefined() {
        return sectionIndex != SHN_UNDEF;
    }

    /** Functions and data objects: the symbols address lookup should answer with. */
    public boolean isCodeOrData() {
        return type == STT_OBJECT || type == STT_FUNC || type == STT_NOTYPE || type == STT_COMMON;
    }

    /** True when {@code address} lies in [value, value + size); a zero-sized symbol contains only its value. */
    public boolean contains(long address) {
        if (size == 0) {
            return address == value;
        }
        return Long.compareUnsigned(address, value) >= 0 && Long.compareUnsigned(address - value, size) < 0;
    }
}
