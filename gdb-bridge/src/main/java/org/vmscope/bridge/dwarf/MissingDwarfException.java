package org.vmscope.bridge.dwarf;

/** The ELF has no (usable) DWARF: the message names the missing section, e.g. built without -g or stripped. */
public class MissingDwarfException extends DwarfFormatException {
    private static final long serialVersionUID = 1L;

    public MissingDwarfException(String message) {
        super(message);
    }
}
