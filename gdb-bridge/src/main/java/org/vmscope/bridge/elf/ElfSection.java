package org.vmscope.bridge.elf;

/**
 * One section header. Values are as stored in the file; use {@link ElfFile#sectionData(ElfSection)}
 * to read contents (bounds-checked, and inflated when {@link #isCompressed()}).
 */
public record ElfSection(int index, String name, int type, long flags, long addr, long offset, long size,
                         int link, int info, long addrAlign, long entSize) {
    public static final int SHT_NULL = 0;
    public static final int SHT_PROGBITS = 1;
    public static final int SHT_SYMTAB = 2;
    public static final int SHT_STRTAB = 3;
    public static final int SHT_RELA = 4;
    public static final int SHT_NOBITS = 8;
    public static final int SHT_REL = 9;
    public static final int SHT_DYNSYM = 11;

    public static final long SHF_WRITE = 0x1;
    public static final long SHF_ALLOC = 0x2;
    public static final long SHF_EXECINSTR = 0x4;
    public static final long SHF_COMPRESSED = 0x800;

    public boolean isCompressed() {
        return (flags & SHF_COMPRESSED) != 0;
    }

    /** Occupies target memory at run time. */
    public boolean isAlloc() {
        return (flags & SHF_ALLOC) != 0;
    }

    /** Has no bytes in the file (.bss). */
    public boolean isNoBits() {
        return type == SHT_NOBITS;
    }

    /** True when {@code address} lies inside this section's run-time address range. */
    public boolean containsAddress(long address) {
        return isAlloc() && Long.compareUnsigned(address, addr) >= 0
                && Long.compareUnsigned(address - addr, size) < 0;
    }
}
