package org.vmscope.bench;

import java.util.Locale;

import org.vmscope.model.Arch;
import org.vmscope.model.kernel.BootException;
import org.vmscope.model.kernel.Machine;
import org.vmscope.model.kernel.SimKernel;

/**
 * A simulated target named as the benchmarks' {@code target} parameter spells it, {@code ARCH:SIZE} with the
 * size in M or G ({@code riscv64:16M}, {@code ia32:3G}), booted as {@link Machine#standard}.
 */
public record Target(Arch arch, long ramBytes) {

    /** Parses {@code ARCH:SIZE}; the size is a whole number of MiB (M) or GiB (G). */
    public static Target parse(String spec) {
        int colon = spec.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("target must be ARCH:SIZE, e.g. riscv64:16M: " + spec);
        }
        String size = spec.substring(colon + 1).trim().toUpperCase(Locale.ROOT);
        if (size.length() < 2) {
            throw new IllegalArgumentException("bad size in " + spec);
        }
        long unit = switch (size.charAt(size.length() - 1)) {
            case 'M' -> 1L << 20;
            case 'G' -> 1L << 30;
            default -> throw new IllegalArgumentException("size needs M or G: " + spec);
        };
        long n = Long.parseLong(size.substring(0, size.length() - 1));
        return new Target(Arch.parse(spec.substring(0, colon)), n * unit);
    }

    /** Boots the standard machine; a target that cannot boot is a broken benchmark, not a result. */
    public SimKernel boot() {
        try {
            return SimKernel.boot(Machine.standard(arch, ramBytes));
        } catch (BootException e) {
            throw new IllegalStateException("cannot boot " + this + ": " + e.getMessage(), e);
        }
    }

    /** Number of frames of this size (RAM / page size), for labels. */
    public long frames() {
        return ramBytes / arch.pageSize();
    }

    @Override
    public String toString() {
        long g = ramBytes >> 30;
        return arch.id() + ":" + (g > 0 && ramBytes % (1L << 30) == 0 ? g + "G" : (ramBytes >> 20) + "M");
    }
}
