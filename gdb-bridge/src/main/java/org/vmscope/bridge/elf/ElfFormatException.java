package org.vmscope.bridge.elf;

/** The bytes are not a well-formed ELF file (or not one this reader supports); the message says where. */
public class ElfFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public ElfFormatException(String message) {
        super(message);
    }

    public ElfFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
