package org.vmscope.bridge.rsp;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * What {@link RspServer} serves: a target description, a register file, memory seen virtually and
 * physically, an optional monitor, and run-control hooks. Implementations are called from one
 * session thread at a time. Everything optional has a default that refuses or does nothing.
 */
public interface ServedTarget {

    /** A target description document by annex name ({@code target.xml} is the root). */
    Optional<String> featureDocument(String annex);

    /**
     * Bytes of register {@code regnum} in target byte order, exactly bitsize/8 long, or empty if the
     * value is unavailable (sent as {@code xx}).
     *
     * @throws ServedTargetException for a register the target does not have
     */
    Optional<byte[]> readRegister(int regnum) throws ServedTargetException;

    default void writeRegister(int regnum, byte[] value) throws ServedTargetException {
        throw new ServedTargetException(ServedTargetException.REFUSED, "register writes are refused");
    }

    /**
     * How many registers (in regnum order) the {@code g} packet carries; the rest only via {@code p}.
     * Negative means all.
     */
    default int generalRegisterCount() {
        return -1;
    }

    /** Reads memory at a virtual address. Fewer bytes than asked is allowed; zero is not. */
    byte[] readVirtual(long address, int length) throws ServedTargetException;

    /** Whether {@link #readPhysical} works; announced as QEMU's {@code PhyMemMode}. */
    default boolean supportsPhysical() {
        return false;
    }

    default byte[] readPhysical(long address, int length) throws ServedTargetException {
        throw new ServedTargetException(ServedTargetException.BAD_ARGUMENT, "no physical memory access");
    }

    default void writeMemory(long address, byte[] data, boolean physical) throws ServedTargetException {
        throw new ServedTargetException(ServedTargetException.REFUSED, "memory writes are refused");
    }

    /** Output of a monitor command, or empty when monitor commands are not supported at all. */
    default Optional<String> monitor(String command) throws ServedTargetException {
        return Optional.empty();
    }

    /**
     * Lets the target run ({@code c}). Returns the signal it stopped with right away, or empty if it
     * keeps running until {@link #halt()} or until {@link #pollStop()} reports a stop.
     */
    default OptionalInt resume() {
        return OptionalInt.of(5);
    }

    /** Executes one step ({@code s}) and returns the stop signal. */
    default int step() {
        return 5;
    }

    /** Stops a running target (the client sent ^C); returns the signal to report. */
    default int halt() {
        return 2;
    }

    /** Polled while running: the signal of a stop the target reached on its own. */
    default OptionalInt pollStop() {
        return OptionalInt.empty();
    }

    /** Called on {@code k}; the session ends afterwards. */
    default void kill() {
    }

    /** Called on {@code D}; the session ends afterwards. */
    default void detach() {
    }
}
