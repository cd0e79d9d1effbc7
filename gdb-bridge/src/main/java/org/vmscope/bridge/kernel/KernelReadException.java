package org.vmscope.bridge.kernel;

/** A kernel virtual address could not be read (unmapped, outside RAM, target lost). */
public class KernelReadException extends Exception {
    private static final long serialVersionUID = 1L;
    private final long address;

    public KernelReadException(long address, String why) {
        super("0x" + Long.toHexString(address) + ": " + why);
        this.address = address;
    }

    public long address() {
        return address;
    }
}
