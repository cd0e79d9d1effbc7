package org.vmscope.bridge.dwarf;

/** A layout question cannot be answered: the type or member is unknown, or the debug info is unreadable. */
public class LayoutException extends Exception {
    private static final long serialVersionUID = 1L;

    public LayoutException(String message) {
        super(message);
    }

    public LayoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
