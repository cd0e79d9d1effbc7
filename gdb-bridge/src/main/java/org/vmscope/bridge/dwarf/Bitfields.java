package org.vmscope.bridge.dwarf;

import java.nio.ByteOrder;

/** Reads a bitfield out of a structure's bytes using {@link Member#bitOffset()} semantics. */
public final class Bitfields {
    private Bitfields() {
    }

    /**
     * The unsigned value of the {@code bitSize}-bit field at {@code bitOffset} of {@code struct}
     * (1..64 bits, must lie inside the array).
     */
    public static long extract(byte[] struct, long bitOffset, int bitSize, ByteOrder order) {
        if (bitSize < 1 || bitSize > 64 || bitOffset < 0 || bitOffset + bitSize > (long) struct.length * 8) {
            throw new IllegalArgumentException("bitfield " + bitOffset + ":" + bitSize + " outside "
                    + struct.length + " bytes");
        }
        long v = 0;
        for (int i = 0; i < bitSize; i++) {
            long bit = bitOffset + i;
            int b = struct[(int) (bit / 8)] & 0xff;
            int value;
            if (order == ByteOrder.LITTLE_ENDIAN) {
                value = b >>> (bit % 8) & 1; // bit i of the field is numbered from the LSB side
                v |= (long) value << i;
            } else {
                value = b >>> (7 - bit % 8) & 1; // big-endian numbers bits from the MSB of byte 0
                v = v << 1 | value;
            }
        }
        return v;
    }

    /** Like {@link #extract} but sign-extended from {@code bitSize} bits. */
    public static long extractSigned(byte[] struct, long bitOffset, int bitSize, ByteOrder order) {
        long v = extract(struct, bitOffset, bitSize, order);
        return bitSize == 64 ? v : v << (64 - bitSize) >> (64 - bitSize);
    }
}
