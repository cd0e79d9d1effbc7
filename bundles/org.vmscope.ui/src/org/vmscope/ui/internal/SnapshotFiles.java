package org.vmscope.ui.internal;

import java.io.IOException;
import java.nio.file.Path;

import org.eclipse.core.runtime.jobs.Job;
import org.vmscope.core.TargetSession;
import org.vmscope.model.state.State;
import org.vmscope.model.state.snapshot.Snapshots;

/** Saving a target's state as a snapshot file, the format {@code vmscope sim --snapshot} writes. */
public final class SnapshotFiles {
    /** The extension the dialogs suggest; any name is accepted. */
    public static final String EXTENSION = "vmsnap";

    private SnapshotFiles() {
    }

    /** Saves the state of {@code session} as it is when called; the file is written in a job. */
    public static Job save(TargetSession session, Path file) {
        // picture now, on the caller's thread: the target may move on before the job runs
        State state = session.captureState();
        return ViewJobs.schedule("Saving snapshot " + file.getFileName(), "Cannot save snapshot " + file, m -> {
            try {
                Snapshots.save(state, file);
            } catch (IOException e) {
                throw new IllegalStateException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
            }
        });
    }
}
