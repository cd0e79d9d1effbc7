package org.vmscope.bridge.cli;

import java.io.PrintStream;
import java.util.List;

import org.vmscope.bridge.kernel.KernelException;
import org.vmscope.bridge.kernel.KernelImage;
import org.vmscope.bridge.kernel.LiveStateBuilder;
import org.vmscope.bridge.kernel.LiveStates;
import org.vmscope.bridge.mirror.Mirror;
import org.vmscope.bridge.mirror.MirrorException;
import org.vmscope.bridge.mirror.PagingSetup;
import org.vmscope.model.check.Problem;

/**
 * {@code vmscope snapshot}: the picture of a halted live kernel (page runs, entry pool, kmalloc, the kernel map and
 * every process's map with the objects and amaps they reach, and the checks' problems) saved as a snapshot file
 * that {@code vmscope diff} compares with another.
 */
final class SnapshotCommand implements Command {

    @Override
    public String name() {
        return "snapshot";
    }

    @Override
    public String summary() {
        return "save a live Phoenix-RTOS kernel's VM state as a snapshot file (for vmscope diff)";
    }

    @Override
    public String usage() {
        return "usage: vmscope snapshot --target HOST:PORT --kernel ELF -o FILE [--layout FILE] [--no-check]\n"
                + "Decodes the halted kernel's VM and saves it; the consistency checks' problems are attached\n"
                + "unless --no-check. Exit status 0 saved, 1 the kernel cannot be decoded, 2 usage error or the\n"
                + "file cannot be written.\n"
                + "  -o FILE              the snapshot file to write\n"
                + "  --no-check           do not run the consistency checks\n"
                + KernelArgs.USAGE + "\n"
                + TargetArgs.USAGE_COMMON;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        TargetArgs t = TargetArgs.parse(args, KernelArgs.flags("--no-check"), KernelArgs.valued("-o"));
        if (!t.positional.isEmpty()) {
            throw new UsageException("unexpected argument " + t.positional.get(0));
        }
        String file = t.valued.get("-o");
        if (file == null) {
            throw new UsageException("-o FILE is required");
        }
        try {
            KernelImage image = KernelArgs.open(t);
            try (Mirror m = t.connect()) {
                KernelArgs.verify(t, image, m);
                LiveStates live = LiveStates.read(image, m);
                List<Problem> problems = t.flags.contains("--no-check") ? List.of() : live.check();
                for (String p : live.problems()) {
                    err.println("decoding: " + p);
                }
                PagingSetup paging = m.paging();
                String arch = paging.arch() == null ? null : paging.arch().id();
                var state = LiveStateBuilder.of(live).name("live " + (arch == null ? "target" : arch) + " at "
                        + t.targetName()).target(arch, m.ram().banks()).problems(problems).build();
                return SnapshotFiles.save(state, file, out, err);
            }
        } catch (MirrorException | KernelException e) {
            err.println("vmscope snapshot: " + e.getMessage());
            return 1;
        }
    }
}
