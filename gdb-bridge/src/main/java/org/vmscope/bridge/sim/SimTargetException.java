package org.vmscope.bridge.sim;

/** A kernel cannot be served (for example its pmap writes no hardware tables), or the server cannot start. */
public class SimTargetException extends Exception {
    private static final long serialVersionUID = 1L;

    public SimTargetException(String message) {
        super(message);
    }

    public SimTargetException(String message, Throwable cause) {
        super(message, cause);
    }
}
