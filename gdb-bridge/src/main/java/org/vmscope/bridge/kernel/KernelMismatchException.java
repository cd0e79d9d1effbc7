package org.vmscope.bridge.kernel;

/** The kernel ELF is not the one running on the target (other architecture, other build). */
public class KernelMismatchException extends KernelException {
    private static final long serialVersionUID = 1L;

    public KernelMismatchException(String message) {
        super(message);
    }
}
