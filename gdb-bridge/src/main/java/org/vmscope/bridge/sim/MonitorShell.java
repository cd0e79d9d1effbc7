package org.vmscope.bridge.sim;

import java.util.Locale;
import java.util.Optional;
import org.vmscope.bridge.rsp.ServedTargetException;

/**
 * The subset of QEMU's human monitor that a debugger reaches through {@code monitor} ({@code qRcmd}):
 * {@code info mem}, {@code info registers}, {@code gva2gpa}, {@code xp}, {@code x} and {@code help}, with
 * QEMU's output text. Bad arguments answer with HMP-style messages, never an exception.
 */
final class MonitorShell {
    static final String HELP = """
            gva2gpa addr -- print the guest physical address corresponding to a guest virtual address
            help|? [cmd] -- show the help
            info mem  -- show the active virtual memory mappings
            info mtree [-f] -- show memory tree (-f: flat view): the RAM banks
            info registers  -- show the cpu registers (short)
            x /fmt addr -- virtual memory dump starting at 'addr'
            xp /fmt addr -- physical memory dump starting at 'addr'
            """;
    static final String INFO_HELP = """
            info mem  -- show the active virtual memory mappings
            info mtree [-f] -- show memory tree (-f: flat view): the RAM banks
            info registers  -- show the cpu registers (short)
            """;

    private static final java.util.Map<String, String> ALIASES = java.util.Map.of("pc", "eip", "sp", "esp");

    private final ArchProfile profile;
    private final CpuState cpu;
    private final AddressTranslator mmu;
    private final PhysView phys;

    MonitorShell(ArchProfile profile, CpuState cpu, AddressTranslator mmu, PhysView phys) {
        this.profile = profile;
        this.cpu = cpu;
        this.mmu = mmu;
        this.phys = phys;
    }

    String run(String line) {
        String cmd = line.strip();
        if (cmd.isEmpty()) {
            return "";
        }
        String name = commandName(cmd);
        String args = cmd.substring(name.length()).strip();
        return switch (name) {
            case "help", "?" -> HELP;
            case "info" -> info(args);
            case "gva2gpa" -> gva2gpa(args);
            case "xp" -> dump(args, true);
            case "x" -> dump(args, false);
            default -> "unknown command: '" + name + "'\n";
        };
    }

    /** HMP ends a command name at white space or at the {@code /} of a format. */
    private static String commandName(String cmd) {
        int i = 0;
        while (i < cmd.length() && !Character.isWhitespace(cmd.charAt(i)) && (i == 0 || cmd.charAt(i) != '/')) {
            i++;
        }
        return cmd.substring(0, i);
    }

    private String info(String text) {
        String args = text.replaceAll("\\s+", " ");
        return switch (args) {
            case "" -> INFO_HELP;
            case "mem" -> profile.infoMem(cpu, mmu);
            case "registers" -> profile.infoRegisters(cpu);
            case "mtree" -> MemListing.mtree(phys.memory().banks(), false);
            case "mtree -f" -> MemListing.mtree(phys.memory().banks(), true);
            default -> "unknown command: 'info " + args + "'\n";
        };
    }

    /** QEMU's {@code gva2gpa}: {@code gpa: %#x} (so zero prints as {@code 0}) or {@code Unmapped}. */
    private String gva2gpa(String args) {
        if (args.isEmpty()) {
            return "Parameter 'addr' is missing\n";
        }
        long va;
        try {
            va = number(args);
        } catch (IllegalArgumentException e) {
            return e.getMessage() + "\n";
        }
        Optional<Long> pa = mmu.physical(va);
        if (pa.isEmpty()) {
            return "Unmapped\n";
        }
        long v = pa.get();
        return v == 0 ? "gpa: 0\n" : String.format("gpa: %#x\n", v);
    }

    private String dump(String args, boolean physical) {
        String spec = "";
        String rest = args;
        if (rest.startsWith("/")) {
            int end = 1;
            while (end < rest.length() && !Character.isWhitespace(rest.charAt(end))) {
                end++;
            }
            spec = rest.substring(1, end);
            rest = rest.substring(end).strip();
        }
        if (rest.isEmpty()) {
            return "Parameter 'addr' is missing\n";
        }
        MemoryDump.Format f;
        long addr;
        try {
            f = MemoryDump.parseFormat(spec);
            addr = number(rest);
        } catch (IllegalArgumentException e) {
            return e.getMessage() + "\n";
        }
        MemoryDump.LineReader reader = physical
                ? (a, n) -> phys.isRam(a, n) ? phys.readLenient(a, n) : null
                : (a, n) -> {
                    try {
                        return mmu.read(a, n);
                    } catch (ServedTargetException e) {
                        return null;
                    }
                };
        return MemoryDump.dump(f, addr, physical, profile.addressDigits(), profile.byteOrder(), reader);
    }

    /**
     * A number as HMP reads it: {@code 0x} hex, a leading {@code 0} octal, else decimal; {@code $reg} is a
     * register of the description ({@code $pc}/{@code $sp} on every target).
     *
     * @throws IllegalArgumentException with HMP's message
     */
    long number(String text) {
        String t = text.strip();
        if (t.startsWith("$")) {
            String name = t.substring(1);
            // HMP knows $pc and $sp on every target; x86 names them eip and esp
            String reg = profile.tdesc().register(name).isEmpty() ? ALIASES.getOrDefault(name, name) : name;
            return cpu.find(reg).orElseGet(() -> {
                if (profile.tdesc().register(reg).isPresent()) {
                    return 0L;
                }
                throw new IllegalArgumentException("unknown register");
            });
        }
        String digits;
        int radix;
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.startsWith("0x")) {
            digits = lower.substring(2);
            radix = 16;
        } else if (lower.length() > 1 && lower.startsWith("0")) {
            digits = lower.substring(1);
            radix = 8;
        } else {
            digits = lower;
            radix = 10;
        }
        if (digits.isEmpty()) {
            throw new IllegalArgumentException("invalid char '" + (t.length() > 1 ? t.charAt(1) : ' ')
                    + "' in expression");
        }
        for (int i = 0; i < digits.length(); i++) {
            if (Character.digit(digits.charAt(i), radix) < 0) {
                throw new IllegalArgumentException("invalid char '" + digits.charAt(i) + "' in expression");
            }
        }
        try {
            return Long.parseUnsignedLong(digits, radix);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("number too large");
        }
    }
}
