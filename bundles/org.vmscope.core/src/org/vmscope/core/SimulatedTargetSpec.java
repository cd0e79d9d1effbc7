package org.vmscope.core;

import java.util.Locale;

import org.vmscope.model.Arch;

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

    /** Parses {@code 16M}, {@code 4G}, {@code 512K}, {@code 65536} (bytes). */
    public static long parseSize(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT).replace("IB", "").replace("B", "");
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty size");
        }
        int shift = switch (t.charAt(t.length() - 1)) {
            case 'K' -> 10;
            case 'M' -> 20;
            case 'G' -> 30;
            default -> 0;
        };
        String digits = shift == 0 ? t : t.substring(0, t.length() - 1);
        try {
            long v = Long.parseLong(digits);
            if (v <= 0 || Long.numberOfLeadingZeros(v) <= shift) {
                throw new IllegalArgumentException("size out of range: " + text);
            }
            return v << shift;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a size: '" + text + "' (e.g. 16M, 4G)", e);
        }
    }
}
