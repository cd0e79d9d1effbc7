package org.vmscope.bridge.mirror;

import java.util.Locale;

/** The MMU architectures the mirror can walk, as {@code --arch} spells them. */
public enum TargetArch {
    IA32("ia32"),
    X86_64("x86_64"),
    ARMV7A("armv7a"),
    AARCH64("aarch64"),
    RISCV64("riscv64"),
    /** SPARC V8 with the Reference MMU (LEON3/4). */
    SPARC("sparc");

    private final String id;

    TargetArch(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** Parses {@code ia32}, {@code x86_64}, {@code armv7a}, {@code aarch64}, {@code riscv64}, {@code sparc} (and common aliases). */
    public static TargetArch parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        return switch (n) {
            case "ia32", "i386", "x86" -> IA32;
            case "x86_64", "amd64", "x64" -> X86_64;
            case "armv7a", "armv7", "arm" -> ARMV7A;
            case "aarch64", "arm64" -> AARCH64;
            case "riscv64", "rv64" -> RISCV64;
            case "sparc", "sparcv8leon", "leon3", "leon4" -> SPARC;
            default -> throw new IllegalArgumentException("unknown architecture '" + name
                    + "' (one of ia32, x86_64, armv7a, aarch64, riscv64, sparc)");
        };
    }
}
