package org.vmscope.model.proc;

/**
 * The simulated kernel stopped where the real one would panic, halt the CPU or spin forever (a page double free,
 * an unresolved fault in a kernel thread). Once panicked the simulator refuses further kernel operations; the
 * state stays inspectable.
 *
 * @param reason the console message or a description of the hang
 * @param during the operation that caused it
 */
public record KernelPanic(String reason, String during) {

    @Override
    public String toString() {
        return "kernel panic: " + reason + " (during " + during + ")";
    }
}
