package org.vmscope.bridge.elf;

/** The e_machine values vmscope cares about; anything else decodes to {@link #UNKNOWN}. */
public enum ElfMachine {
    NONE(0, "none"),
    SPARC(2, "SPARC"),
    I386(3, "Intel 80386"),
    SPARC32PLUS(18, "SPARC v8+"),
    PPC(20, "PowerPC"),
    PPC64(21, "PowerPC64"),
    ARM(40, "ARM"),
    SPARCV9(43, "SPARC v9"),
    X86_64(62, "x86-64"),
    AARCH64(183, "AArch64"),
    RISCV(243, "RISC-V"),
    UNKNOWN(-1, "unknown");

    private final int code;
    private final String displayName;

    ElfMachine(int code, String displayName) {
        this.code = code;
        this.displayName = displayName;
    }

    /** The e_machine number (-1 for {@link #UNKNOWN}). */
    public int code() {
        return code;
    }

    public String displayName() {
        return displayName;
    }

    public static ElfMachine fromCode(int code) {
        for (ElfMachine m : values()) {
            if (m.code == code) {
                return m;
            }
        }
        return UNKNOWN;
    }
}
