package org.vmscope.model.phys;

/**
 * Reads physical memory. The simulator implements it over its own RAM, the mirror over a GDB
 * connection; page-table walks and kernel decoding are written against this interface only, so
 * both targets take the same path.
 */
public interface PhysReader {

    /**
     * Reads {@code length} bytes starting at physical address {@code pa}.
     *
     * @throws MemoryAccessException if any byte lies outside known RAM or cannot be read
     */
    byte[] read(long pa, int length) throws MemoryAccessException;

    /** Whether {@code [pa, pa+length)} lies wholly inside known RAM. */
    boolean isRam(long pa, long length);
}
