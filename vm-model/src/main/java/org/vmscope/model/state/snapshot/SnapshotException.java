package org.vmscope.model.state.snapshot;

/** A snapshot file that cannot be read, with why; the message is meant for the user as it is. */
public final class SnapshotException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a snapshot was refused. */
    public enum Reason {
        /** The file could not be opened or read. */
        IO,
        /** The file is not a vmscope snapshot at all (not gzip, not XML, another root element). */
        NOT_A_SNAPSHOT,
        /** The compressed data ends early. */
        TRUNCATED,
        /** A vmscope snapshot whose content is damaged or inconsistent. */
        CORRUPT,
        /** Written by a newer vmscope in a format version this one does not read. */
        NEWER_VERSION,
        /** Larger than the reader's bound. */
        TOO_LARGE
    }

    private final Reason reason;

    public SnapshotException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public SnapshotException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
