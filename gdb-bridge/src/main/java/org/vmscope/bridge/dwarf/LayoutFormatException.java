package org.vmscope.bridge.dwarf;

/** A layout text file is malformed; {@link #line()} is the 1-based line number. */
public class LayoutFormatException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int line;

    public LayoutFormatException(int line, String message) {
        super("line " + line + ": " + message);
        this.line = line;
    }

    public int line() {
        return line;
    }
}
