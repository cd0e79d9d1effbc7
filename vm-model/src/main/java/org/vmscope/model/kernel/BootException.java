package org.vmscope.model.kernel;

/** The simulated kernel could not boot the machine (too little memory for its own structures). */
public class BootException extends Exception {
    private static final long serialVersionUID = 1L;

    public BootException(String message) {
        super(message);
    }
}
