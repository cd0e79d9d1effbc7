package org.vmscope.model.phys;

/** A physical read or write that could not be done: outside RAM, or the target failed. */
public class MemoryAccessException extends Exception {
    private static final long serialVersionUID = 1L;
    private final long address;

    public MemoryAccessException(long address, String message) {
        super(String.format("0x%x: %s", address, message));
        this.address = address;
    }

    public MemoryAccessException(long address, String message, Throwable cause) {
        super(String.format("0x%x: %s", address, message), cause);
        this.address = address;
    }

    public long address() {
        return address;
    }
}
