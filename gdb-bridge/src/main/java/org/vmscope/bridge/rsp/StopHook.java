package org.vmscope.bridge.rsp;

/**
 * Runs inside {@link RspProxy} when the target reports a stop, before the debugger sees the stop
 * reply. The target is halted and the debugger is waiting, so the hook can send its own requests
 * through {@code target}; the debugger never sees them. The hook must leave every mode as it found
 * it ({@link RspClient#withPhysicalMemoryMode} does so for the physical memory mode).
 */
@FunctionalInterface
public interface StopHook {
    void onStop(StopReply stop, RspClient target) throws RspException;

    /**
     * The debugger has just let the target run ({@code c}, {@code s}, {@code vCont;...}), as forwarded;
     * what was read at the last stop is stale from now on. Must not block: the packet is on its way.
     */
    default void onResume(String packet) {
    }
}
