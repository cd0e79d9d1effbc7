package org.vmscope.core;

import org.vmscope.model.Arch;
import org.vmscope.model.Sizes;

/**
 * What the user asks for when opening a simulated target: {@code ARCH[:RAM]}, e.g. {@code ia32:16M},
 * {@code riscv64:4G}. The IDE reads it from the {@code vmscope.sim} system property at start-up.
 */
public record SimulatedTargetSpec(Arch arch, long ramBytes) {

    public static final SimulatedTargetSpec DEFAULT = new SimulatedTargetSpec(Arch.IA32, 16L << 20);

    public static SimulatedTargetSpec parse(String text) {
        String[] parts = text.trim().split(":", 2);
        Arch arch = Arch.parse(parts[0]);
        long ram = parts.length > 1 ? parseSize(parts[1]) : DEFAULT.ramBytes();
        return new SimulatedTargetSpec(arch, ram);
    }

    /** Parses {@code 16M}, {@code 4G}, {@code 512K}, {@code 65536} (bytes); positive only. */
    public static long parseSize(String text) {
        return Sizes.parsePositive(text);
    }
}
