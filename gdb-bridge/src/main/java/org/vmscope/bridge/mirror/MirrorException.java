package org.vmscope.bridge.mirror;

/** The mirror cannot start or go on: no connection, target not halted, no RAM layout, no physical access. */
public class MirrorException extends Exception {
    private static final long serialVersionUID = 1L;

    public MirrorException(String message) {
        super(message);
    }

    public MirrorException(String message, Throwable cause) {
        super(message, cause);
    }
}
