package org.vmscope.bridge.mirror;

import org.vmscope.bridge.rsp.RspException;

/**
 * How physical memory reaches the wire: QEMU's physical memory mode for {@code m} packets, or the
 * monitor's {@code xp}. Only {@link GdbPhysReader} uses a channel; it checks RAM and budget first.
 */
public interface PhysicalChannel {

    /** Work done while a channel's mode is set. */
    @FunctionalInterface
    interface Scoped<T> {
        T run() throws RspException;
    }

    /** A short name for reports ({@code phymem}, {@code xp}). */
    String name();

    /**
     * Runs {@code body} with the channel ready for {@link #read} calls, and always restores the
     * target's state afterwards (the physical memory mode is sticky and global in QEMU).
     */
    <T> T inScope(Scoped<T> body) throws RspException;

    /** Reads {@code length} bytes of guest-physical memory; only called inside {@link #inScope}. */
    byte[] read(long pa, int length) throws RspException;
}
