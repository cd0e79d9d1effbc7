package org.vmscope.bridge.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.vmscope.bridge.mirror.Mirror;
import org.vmscope.bridge.mirror.MirrorException;
import org.vmscope.bridge.mirror.MirrorOptions;
import org.vmscope.bridge.mirror.RamLayout;
import org.vmscope.bridge.mirror.TargetArch;

/**
 * The options every live-target command shares: {@code --target HOST:PORT}, {@code --arch},
 * {@code --root}, {@code --ram}, {@code --via}, {@code --budget}, {@code --resume}, {@code --json}, plus
 * command-specific flags and positionals left for the command.
 */
final class TargetArgs {
    static final String USAGE_COMMON = """
              --target HOST:PORT   the GDB server (QEMU -gdb tcp::PORT)
              --arch ARCH          ia32, x86_64, armv7a, aarch64, riscv64 or sparc instead of the target description's
              --root ADDR          physical address of the top-level table instead of CR3/satp/TTBR0
                       (sparc: of the current context's context-table entry, which QEMU does not expose)
              --ram BASE:SIZE,...  RAM ranges instead of QEMU's 'info mtree -f' (only RAM is ever read)
              --via phymem|xp      physical reads through QEMU's PhyMemMode or the monitor's xp (default: phymem if offered)
              --budget BYTES       cap on bytes read from the target (default 64M)
              --resume             detach at the end so the target runs on (default: it stays halted)
              --json               machine-readable output""".indent(2).stripTrailing();

    String host;
    int port;
    boolean json;
    MirrorOptions options = MirrorOptions.defaults();
    final List<String> positional = new ArrayList<>();
    final List<String> flags = new ArrayList<>();
    final java.util.Map<String, String> valued = new java.util.HashMap<>();

    /**
     * @param extraFlags  command flags without a value (e.g. {@code --phys})
     * @param extraValued command options with a value (e.g. {@code --gdb})
     */
    static TargetArgs parse(List<String> args, Set<String> extraFlags, Set<String> extraValued) throws UsageException {
        TargetArgs t = new TargetArgs();
        String target = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (extraFlags.contains(a)) {
                t.flags.add(a);
                continue;
            }
            if (a.equals("--json")) {
                t.json = true;
                continue;
            }
            if (a.equals("--resume")) {
                t.options = t.options.withResumeOnClose(true);
                continue;
            }
            boolean isValued = extraValued.contains(a) || Set.of("--target", "--arch", "--root", "--ram", "--via",
                    "--budget").contains(a);
            if (!isValued) {
                if (a.startsWith("--")) {
                    throw new UsageException("unknown option " + a);
                }
                t.positional.add(a);
                continue;
            }
            if (i + 1 >= args.size()) {
                throw new UsageException(a + " needs a value");
            }
            String v = args.get(++i);
            try {
                switch (a) {
                    case "--target" -> target = v;
                    case "--arch" -> t.options = t.options.withArch(TargetArch.parse(v));
                    case "--root" -> t.options = t.options.withRootPa(number(v));
                    case "--ram" -> t.options = t.options.withRam(RamLayout.parse(v));
                    case "--via" -> t.options = t.options.withChannel(switch (v.toLowerCase(Locale.ROOT)) {
                        case "phymem" -> MirrorOptions.Channel.PHYMEM;
                        case "xp" -> MirrorOptions.Channel.XP;
                        case "auto" -> MirrorOptions.Channel.AUTO;
                        default -> throw new IllegalArgumentException("--via is phymem, xp or auto, not '" + v + "'");
                    });
                    case "--budget" -> {
                        long b = number(v);
                        if (b <= 0) {
                            throw new IllegalArgumentException("--budget must be positive");
                        }
                        t.options = t.options.withBudgetBytes(b);
                    }
                    default -> t.valued.put(a, v);
                }
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        if (target == null) {
            throw new UsageException("--target HOST:PORT is required");
        }
        int colon = target.lastIndexOf(':');
        if (colon <= 0 || colon == target.length() - 1) {
            throw new UsageException("--target must be HOST:PORT, not '" + target + "'");
        }
        t.host = target.substring(0, colon);
        try {
            t.port = Integer.parseInt(target.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new UsageException("bad port in --target '" + target + "'");
        }
        if (t.port <= 0 || t.port > 65535) {
            throw new UsageException("port out of range in --target '" + target + "'");
        }
        return t;
    }

    /** An address or size: {@code 0x...}, decimal, or with a K/M/G suffix. */
    static long number(String v) {
        return RamLayout.parseNumber(v);
    }

    Mirror connect() throws MirrorException {
        return Mirror.connect(host, port, options);
    }

    String targetName() {
        return host + ":" + port;
    }
}
