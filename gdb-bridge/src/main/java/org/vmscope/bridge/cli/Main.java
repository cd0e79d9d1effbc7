package org.vmscope.bridge.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code vmscope} command line: {@code vmscope COMMAND [ARGS...]}. */
public final class Main {
    private final Map<String, Command> commands = new LinkedHashMap<>();

    Main() {
        // commands register here as their capabilities land
        register(new SimCommand());
        register(new PtCommand());
        register(new XlateCommand());
        register(new ProxyCommand());
        register(new BenchMirrorCommand());
        register(new MemCommand());
        register(new DiffCommand());
        register(new CheckCommand());
        register(new SnapshotCommand());
        register(new BenchKernelCommand());
    }

    void register(Command c) {
        commands.put(c.name(), c);
    }

    public static void main(String[] args) {
        System.exit(new Main().run(Arrays.asList(args), System.out, System.err));
    }

    int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || args.get(0).equals("help") || args.get(0).equals("--help") || args.get(0).equals("-h")) {
            if (args.size() > 1 && commands.containsKey(args.get(1))) {
                out.println(commands.get(args.get(1)).usage());
            } else {
                help(out);
            }
            return 0;
        }
        Command c = commands.get(args.get(0));
        if (c == null) {
            err.println("vmscope: unknown command '" + args.get(0) + "'");
            help(err);
            return 2;
        }
        try {
            return c.run(args.subList(1, args.size()), out, err);
        } catch (UsageException e) {
            err.println("vmscope " + c.name() + ": " + e.getMessage());
            err.println(c.usage());
            return 2;
        }
    }

    private void help(PrintStream out) {
        out.println("usage: vmscope COMMAND [ARGS...]");
        out.println();
        out.println("  ide           start the vmscope IDE on a simulated target (the launcher script does this)");
        out.println("  test          build and run every test (the launcher script does this)");
        out.println("  bench-model   JMH benchmarks of the simulated VM model (the launcher script does this)");
        for (Command c : commands.values()) {
            out.printf("  %-13s %s%n", c.name(), c.summary());
        }
        out.println();
        out.println("vmscope help COMMAND shows a command's options.");
    }
}
