package org.vmscope.bridge.dwarf;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** A position in one debug section with a hard limit; every read past the limit is a DwarfFormatException. */
final class DwarfCursor {
    private final ByteBuffer buf;
    private final String section;
    private int pos;
    private final int limit;

    DwarfCursor(ByteBuffer buf, String section, long pos, long limit) throws DwarfFormatException {
        this.buf = buf;
        this.section = section;
        if (limit > buf.limit() || limit < 0) {
            throw new DwarfFormatException(section + ": range ends at 0x" + Long.toHexString(limit)
                    + ", past the section end 0x" + Integer.toHexString(buf.limit()));
        }
        if (pos < 0 || pos > limit) {
            throw new DwarfFormatException(section + ": offset 0x" + Long.toHexString(pos) + " is outside [0, 0x"
                    + Long.toHexString(limit) + "]");
        }
        this.pos = (int) pos;
        this.limit = (int) limit;
    }

    int pos() {
        return pos;
    }

    int limit() {
        return limit;
    }

    boolean atEnd() {
        return pos >= limit;
    }

    void seek(long p) throws DwarfFormatException {
        if (p < 0 || p > limit) {
            throw new DwarfFormatException(section + ": offset 0x" + Long.toHexString(p) + " is outside [0, 0x"
                    + Integer.toHexString(limit) + "]");
        }
        pos = (int) p;
    }

    private void need(long n) throws DwarfFormatException {
        if (n < 0 || n > limit - pos) {
            throw new DwarfFormatException(section + ": read of " + n + " bytes at 0x" + Integer.toHexString(pos)
                    + " runs past 0x" + Integer.toHexString(limit));
        }
    }

    void skip(long n) throws DwarfFormatException {
        need(n);
        pos += (int) n;
    }

    int u8() throws DwarfFormatException {
        need(1);
        return buf.get(pos++) & 0xff;
    }

    int u16() throws DwarfFormatException {
        need(2);
        int v = buf.getShort(pos) & 0xffff;
        pos += 2;
        return v;
    }

    long u24() throws DwarfFormatException {
        need(3);
        int b0 = buf.get(pos) & 0xff;
        int b1 = buf.get(pos + 1) & 0xff;
        int b2 = buf.get(pos + 2) & 0xff;
        pos += 3;
        return buf.order() == java.nio.ByteOrder.LITTLE_ENDIAN ? b0 | b1 << 8 | b2 << 16 : b2 | b1 << 8 | b0 << 16;
    }

    long u32() throws DwarfFormatException {
        need(4);
        long v = buf.getInt(pos) & 0xffffffffL;
        pos += 4;
        return v;
    }

    long u64() throws DwarfFormatException {
        need(8);
        long v = buf.getLong(pos);
        pos += 8;
        return v;
    }

    /** An unsigned value of 1, 2, 4 or 8 bytes. */
    long unsigned(int size) throws DwarfFormatException {
        return switch (size) {
            case 1 -> u8();
            case 2 -> u16();
            case 3 -> u24();
            case 4 -> u32();
            case 8 -> u64();
            default -> throw new DwarfFormatException(section + ": unsupported field size " + size);
        };
    }

    long uleb() throws DwarfFormatException {
        long result = 0;
        int shift = 0;
        while (true) {
            int b = u8();
            if (shift < 64) {
                result |= (long) (b & 0x7f) << shift;
            }
            shift += 7;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
    }

    long sleb() throws DwarfFormatException {
        long result = 0;
        int shift = 0;
        int b;
        do {
            b = u8();
            if (shift < 64) {
                result |= (long) (b & 0x7f) << shift;
            }
            shift += 7;
        } while ((b & 0x80) != 0);
        if (shift < 64 && (b & 0x40) != 0) {
            result |= -1L << shift;
        }
        return result;
    }

    /** Skips a NUL-terminated string and returns its length without the NUL. */
    int skipCString() throws DwarfFormatException {
        int start = pos;
        while (true) {
            if (u8() == 0) {
                return pos - start - 1;
            }
        }
    }

    byte[] bytes(int n) throws DwarfFormatException {
        need(n);
        byte[] b = new byte[n];
        buf.get(pos, b);
        pos += n;
        return b;
    }

    /** NUL-terminated UTF-8 string at an absolute offset of the same buffer (used for string sections). */
    static String cstringAt(ByteBuffer buf, long off, String section) throws DwarfFormatException {
        if (off < 0 || off >= buf.limit()) {
            throw new DwarfFormatException(section + ": string offset 0x" + Long.toHexString(off)
                    + " is outside the section (size 0x" + Integer.toHexString(buf.limit()) + ")");
        }
        int start = (int) off;
        for (int i = start; i < buf.limit(); i++) {
            if (buf.get(i) == 0) {
                byte[] b = new byte[i - start];
                buf.get(start, b);
                return new String(b, StandardCharsets.UTF_8);
            }
        }
        throw new DwarfFormatException(section + ": string at 0x" + Long.toHexString(off) + " is not NUL-terminated");
    }
}
