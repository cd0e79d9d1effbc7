package org.vmscope.model.kernel;

/** A syspage program ({@code syspage_prog_t}): an ELF image resident in physical memory, 'A' at boot. */
public record ProgramImage(String name, long addr, long size) {

    public ProgramImage {
        if (size <= 0) {
            throw new IllegalArgumentException("program size must be positive: " + name);
        }
    }

    public long end() {
        return addr + size;
    }

    public boolean contains(long pa) {
        return Long.compareUnsigned(pa, addr) >= 0 && Long.compareUnsigned(pa - addr, size) < 0;
    }
}
