package org.vmscope.bridge.cli;

import java.io.PrintStream;
import java.util.List;

/** One {@code vmscope} sub-command. */
interface Command {

    String name();

    /** One line for {@code vmscope help}. */
    String summary();

    /** The full usage text for {@code vmscope help NAME} and usage errors. */
    String usage();

    /**
     * Runs the command.
     *
     * @return the process exit status: 0 success, 1 a finding (e.g. a failed check), 2 a usage error
     * @throws UsageException on bad arguments; the caller prints the message and the usage
     */
    int run(List<String> args, PrintStream out, PrintStream err) throws UsageException;
}
