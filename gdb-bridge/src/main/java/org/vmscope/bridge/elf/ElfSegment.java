package org.vmscope.bridge.elf;

/** One program header (segment), e.g. a PT_LOAD of the kernel image. */
public record ElfSegment(int index, int type, int flags, long offset, long vaddr, long paddr, long fileSize,
                         long memSize, long align) {
    public static final int PT_NULL = 0;
    public static final int PT_LOAD = 1;
    public static final int PT_DYNAMIC = 2;
    public static final int PT_INTERP = 3;
    public static final int PT_NOTE = 4;
    public static final int PT_PHDR = 6;
    public static final int PT_TLS = 7;

    public static final int PF_X = 1;
    public static final int PF_W = 2;
    public static final int PF_R = 4;

    public boolean isLoad() {
        return type == PT_LOAD;
    }

    public boolean isReadable() {
        return (flags & PF_R) != 0;
    }

    public boolean isWritable() {
        return (flags & PF_W) != 0;
    }

    public boolean isExecutable() {
        return (flags & PF_X) != 0;
    }

    /** True when {@code address} is inside [vaddr, vaddr + memSize). */
    public boolean containsVirtual(long address) {
        return Long.compareUnsigned(address, vaddr) >= 0 && Long.compareUnsigned(address - vaddr, memSize) < 0;
    }
}
