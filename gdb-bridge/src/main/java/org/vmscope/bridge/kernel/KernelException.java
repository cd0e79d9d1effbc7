package org.vmscope.bridge.kernel;

/** The kernel image cannot be used, or the target cannot be decoded with it; the message says why. */
public class KernelException extends Exception {
    private static final long serialVersionUID = 1L;

    public KernelException(String message) {
        super(message);
    }

    public KernelException(String message, Throwable cause) {
        super(message, cause);
    }
}
