package org.vmscope.bridge.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

import org.vmscope.model.check.Problem;
import org.vmscope.model.proc.Processes;
import org.vmscope.model.state.State;
import org.vmscope.model.state.build.StateBuilder;
import org.vmscope.model.state.snapshot.Snapshots;

/** Writing snapshot files from the command line, with the one-line confirmation the commands print. */
final class SnapshotFiles {
    private SnapshotFiles() {
    }

    /**
     * Saves the picture of a simulated kernel and every live process's map, with {@code problems} attached.
     *
     * @return 0, or 2 when the file cannot be written (the message went to {@code err})
     */
    static int save(Processes ps, long steps, List<Problem> problems, String file, PrintStream out,
            PrintStream err) {
        State s = StateBuilder.of(ps.kernel()).processes(ps).stopCounter(steps).problems(problems).build();
        return save(s, file, out, err);
    }

    /** Saves {@code s}; 0, or 2 when the file cannot be written. */
    static int save(State s, String file, PrintStream out, PrintStream err) {
        try {
            Snapshots.save(s, Path.of(file));
        } catch (IOException | InvalidPathException e) {
            err.println("vmscope: cannot write snapshot " + file + ": " + describe(e));
            return 2;
        }
        out.println("vmscope: snapshot " + file + " (" + s.getAddressSpaces().size() + " address spaces, "
                + s.getPhysicalMemory().getRuns().size() + " runs)");
        return 0;
    }

    private static String describe(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
