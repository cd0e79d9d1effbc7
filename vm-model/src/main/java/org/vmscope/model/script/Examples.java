package org.vmscope.model.script;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The scenarios shipped with vm-model (resources under {@code org/vmscope/model/script/examples/}). */
public final class Examples {
    /** Every shipped example, by file name. */
    public static final List<String> NAMES = List.of("ide-demo.vmsim", "fork-cow.vmsim", "kmalloc-fragmentation.vmsim",
            "entry-pool-exhaustion.vmsim", "leak-1266-fork-riscv.vmsim", "leak-371-vmem-after-child-exit.vmsim",
            "leak-276-message-window.vmsim", "leak-369-kmalloc-oom.vmsim", "leak-510-nommu-exit.vmsim",
            "nommu-shared-maps.vmsim");

    private Examples() {
    }

    /** The text of a shipped example; the name must be one of {@link #NAMES}. */
    public static String read(String name) throws IOException {
        if (!NAMES.contains(name)) {
            throw new IOException("no shipped example '" + name + "' (one of " + String.join(", ", NAMES) + ")");
        }
        try (InputStream in = Examples.class.getResourceAsStream("examples/" + name)) {
            if (in == null) {
                throw new IOException("example " + name + " is missing from the vm-model jar");
            }
            return new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8);
        }
    }
}
