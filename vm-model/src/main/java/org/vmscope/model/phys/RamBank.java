package org.vmscope.model.phys;

/** One contiguous range of physical RAM, {@code [base, base+size)}. */
public record RamBank(long base, long size) {

    public RamBank {
        if (size <= 0) {
            throw new IllegalArgumentException("RAM bank size must be positive: " + size);
        }
        if (base + size < base && base + size != 0) {
            throw new IllegalArgumentException("RAM bank wraps the address space");
        }
    }

    public long end() {
        return base + size;
    }

    public boolean contains(long pa, long length) {
        return Long.compareUnsigned(pa, base) >= 0 && length >= 0
                && Long.compareUnsigned(pa - base, size) <= 0
                && Long.compareUnsigned(length, size - (pa - base)) <= 0;
    }
}
