package org.vmscope.bridge.dwarf;

import java.io.ByteArrayOutputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** A byte writer for hand-made DWARF sections, in either byte order. */
final class DwarfBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteOrder order;

    DwarfBytes(ByteOrder order) {
        this.order = order;
    }

    int pos() {
        return out.size();
    }

    DwarfBytes u8(long v) {
        out.write((int) v);
        return this;
    }

    DwarfBytes u(int size, long v) {
        for (int i = 0; i < size; i++) {
            int shift = order == ByteOrder.LITTLE_ENDIAN ? 8 * i : 8 * (size - 1 - i);
            out.write((int) (v >>> shift));
        }
        return this;
    }

    DwarfBytes u16(long v) {
        return u(2, v);
    }

    DwarfBytes u32(long v) {
        return u(4, v);
    }

    DwarfBytes u64(long v) {
        return u(8, v);
    }

    DwarfBytes uleb(long v) {
        do {
            int b = (int) (v & 0x7f);
            v >>>= 7;
            out.write(v != 0 ? b | 0x80 : b);
        } while (v != 0);
        return this;
    }

    DwarfBytes sleb(long v) {
        while (true) {
            int b = (int) (v & 0x7f);
            v >>= 7;
            boolean done = v == 0 && (b & 0x40) == 0 || v == -1 && (b & 0x40) != 0;
            out.write(done ? b : b | 0x80);
            if (done) {
                return this;
            }
        }
    }

    DwarfBytes cstr(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        out.write(0);
        return this;
    }

    DwarfBytes bytes(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    byte[] toArray() {
        return out.toByteArray();
    }

    /** Overwrites {@code size} bytes at {@code at} of an already written array. */
    static void patch(byte[] data, int at, int size, long v, ByteOrder order) {
        for (int i = 0; i < size; i++) {
            int shift = order == ByteOrder.LITTLE_ENDIAN ? 8 * i : 8 * (size - 1 - i);
            data[at + i] = (byte) (v >>> shift);
        }
    }
}
