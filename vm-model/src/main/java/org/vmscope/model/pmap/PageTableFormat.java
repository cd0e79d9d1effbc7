package org.vmscope.model.pmap;

import org.vmscope.model.Arch;

/**
 * One hardware page-table format: the single place that both writes entries (for the simulator's pmaps)
 * and decodes them (for the walker, hence the mirror). Geometry is data ({@link #geometry()}); the
 * format only knows the bits of one entry.
 */
public interface PageTableFormat {

    Arch arch();

    /** A short name such as {@code ia32}, {@code sv48}, {@code armv7a-ttbr0/N=1}. */
    String name();

    PagingGeometry geometry();

    /** Decodes the entry {@code raw} read at geometry level {@code level}. Never throws. */
    PageEntry decode(long raw, int level);

    /**
     * Encodes a leaf mapping {@code pa} with {@link PageAttr} bits {@code attr} at {@code level}, as the
     * Phoenix-RTOS HAL writes it. Without {@link PageAttr#PRESENT} the result decodes as invalid.
     *
     * @throws IllegalArgumentException if {@code level} cannot hold a leaf or {@code pa} is not aligned to it
     */
    long encodeLeaf(long pa, int attr, int level);

    /**
     * Encodes a pointer to the next-level table at {@code tablePa}, as the Phoenix-RTOS HAL writes it.
     *
     * @throws IllegalArgumentException at the last level or for a misaligned table
     */
    long encodeTable(long tablePa, int level);

    /** Entry {@code index} of a table read as bytes, in this format's byte order and entry size. */
    default long entryAt(byte[] table, int index) {
        PagingGeometry g = geometry();
        int n = g.entryBytes();
        int off = index * n;
        long v = 0;
        if (g.byteOrder() == java.nio.ByteOrder.BIG_ENDIAN) {
            for (int i = 0; i < n; i++) {
                v = (v << 8) | (table[off + i] & 0xffL);
            }
        } else {
            for (int i = n - 1; i >= 0; i--) {
                v = (v << 8) | (table[off + i] & 0xffL);
            }
        }
        return v;
    }

    /** The bytes of one entry as they sit in memory. */
    default byte[] entryBytes(long raw) {
        PagingGeometry g = geometry();
        int n = g.entryBytes();
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            int shift = g.byteOrder() == java.nio.ByteOrder.BIG_ENDIAN ? (n - 1 - i) * 8 : i * 8;
            b[i] = (byte) (raw >>> shift);
        }
        return b;
    }

    /** What encoding {@code attr} and decoding it back yields: the attributes this format can express. */
    default int representable(int attr, int level) {
        return decode(encodeLeaf(0, attr, level), level).attr();
    }

    /** Checks that {@code pa} is aligned to {@code 1 << shift}; shared by the encoders. */
    static void requireAligned(long pa, int shift, String what) {
        if ((pa & ((1L << shift) - 1)) != 0) {
            throw new IllegalArgumentException(String.format("%s 0x%x not aligned to 0x%x", what, pa, 1L << shift));
        }
    }
}
