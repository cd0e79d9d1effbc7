package org.vmscope.bridge.cli;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.vmscope.bridge.kernel.KernelException;
import org.vmscope.bridge.kernel.KernelImage;
import org.vmscope.bridge.kernel.KernelReader;
import org.vmscope.bridge.mirror.Mirror;

/** The kernel-image options shared by the commands that decode a live kernel: {@code --kernel}, {@code --layout}, {@code --no-verify}. */
final class KernelArgs {
    static final String USAGE = """
              --kernel ELF         the running kernel's ELF with DWARF (refused when it does not match)
              --layout FILE        structure layouts as text, for an ELF without DWARF
              --no-verify          skip the check that the ELF is the running kernel""".indent(2).stripTrailing();

    private KernelArgs() {
    }

    static Set<String> flags(String... more) {
        Set<String> s = new HashSet<>(Set.of("--no-verify"));
        s.addAll(Set.of(more));
        return s;
    }

    static Set<String> valued(String... more) {
        Set<String> s = new HashSet<>(Set.of("--kernel", "--layout"));
        s.addAll(Set.of(more));
        return s;
    }

    /** The image named by {@code --kernel} (required). */
    static KernelImage open(TargetArgs t) throws UsageException, KernelException {
        String elf = t.valued.get("--kernel");
        if (elf == null) {
            throw new UsageException("--kernel ELF is required");
        }
        String layout = t.valued.get("--layout");
        return KernelImage.open(Path.of(elf), layout == null ? null : Path.of(layout));
    }

    /** Refuses an ELF that is not the running kernel, unless {@code --no-verify}. */
    static void verify(TargetArgs t, KernelImage image, Mirror m) throws KernelException {
        if (!t.flags.contains("--no-verify")) {
            new KernelReader(image, m).verifyImage();
        }
    }
}
