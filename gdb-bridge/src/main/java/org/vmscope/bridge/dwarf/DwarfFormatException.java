package org.vmscope.bridge.dwarf;

/** The debug information is malformed or uses something this reader does not support; the message says where. */
public class DwarfFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public DwarfFormatException(String message) {
        super(message);
    }

    public DwarfFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
