package org.vmscope.bridge.sim;

/**
 * A scenario attached to a served kernel: gdb's {@code s} runs one step, {@code c} runs steps until the
 * scenario is done or the client interrupts. Called on the server's session thread while it holds the
 * target, so a step may change the kernel (and the active address space) freely.
 */
public interface SimStepper {

    /**
     * Advances one scenario step.
     *
     * @return false when no step was run because the scenario had nothing left
     */
    boolean step();

    /** Whether every step has run. */
    boolean done();
}
