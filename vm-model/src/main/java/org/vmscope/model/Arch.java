package org.vmscope.model;

import java.nio.ByteOrder;
import java.util.Locale;

/**
 * The architectures Phoenix-RTOS's VM runs on, with the facts every layer needs (phoenix-vm.md §2.1).
 * Page-table formats hang off this in {@code org.vmscope.model.pmap}.
 */
public enum Arch {
    IA32(12, 4, true, ByteOrder.LITTLE_ENDIAN),
    ARMV7A(12, 4, true, ByteOrder.LITTLE_ENDIAN),
    AARCH64(12, 8, true, ByteOrder.LITTLE_ENDIAN),
    RISCV64(12, 8, true, ByteOrder.LITTLE_ENDIAN),
    SPARCV8LEON(12, 4, true, ByteOrder.BIG_ENDIAN),
    ARMV7M(9, 4, false, ByteOrder.LITTLE_ENDIAN),
    ARMV8M(9, 4, false, ByteOrder.LITTLE_ENDIAN);

    private final int pageShift;
    private final int pointerBytes;
    private final boolean mmu;
    private final ByteOrder byteOrder;

    Arch(int pageShift, int pointerBytes, boolean mmu, ByteOrder byteOrder) {
        this.pageShift = pageShift;
        this.pointerBytes = pointerBytes;
        this.mmu = mmu;
        this.byteOrder = byteOrder;
    }

    /** {@code _PAGE_SHIFT}: 12 on MMU targets, 9 (512 B pages) on the Cortex-M targets. */
    public int pageShift() {
        return pageShift;
    }

    public long pageSize() {
        return 1L << pageShift;
    }

    /** Size of a pointer, {@code addr_t} and {@code size_t} in bytes. */
    public int pointerBytes() {
        return pointerBytes;
    }

    public boolean hasMmu() {
        return mmu;
    }

    public ByteOrder byteOrder() {
        return byteOrder;
    }

    /** The name used on the command line and in scenario files, e.g. {@code riscv64}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses an architecture name as the command line and scenarios spell it. */
    public static Arch parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (Arch a : values()) {
            if (a.id().equals(n)) {
                return a;
            }
        }
        if (n.equals("x86") || n.equals("i386")) {
            return IA32;
        }
        if (n.equals("sparc") || n.equals("leon3")) {
            return SPARCV8LEON;
        }
        throw new IllegalArgumentException("unknown architecture '" + name + "' (one of ia32, armv7a, aarch64,"
                + " riscv64, sparcv8leon, armv7m, armv8m)");
    }
}
