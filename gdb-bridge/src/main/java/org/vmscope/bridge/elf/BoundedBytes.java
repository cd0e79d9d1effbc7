package org.vmscope.bridge.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Absolute-offset reads from the file image; every read is range-checked so bad offsets become exceptions. */
final class BoundedBytes {
    private final ByteBuffer buf;

    BoundedBytes(ByteBuffer buf, ByteOrder order) {
        this.buf = buf.duplicate().order(order);
    }

    long size() {
        return buf.limit();
    }

    /** Fails unless [offset, offset + length) lies inside the file; offsets are treated as unsigned. */
    void check(long offset, long length, String what) throws ElfFormatException {
        if (offset < 0 || length < 0 || offset > buf.limit() || length > buf.limit() - offset) {
            throw new ElfFormatException(what + ": bytes [0x" + Long.toUnsignedString(offset, 16) + ", +0x"
                    + Long.toUnsignedString(length, 16) + ") lie outside the file (size 0x"
                    + Integer.toHexString(buf.limit()) + ")");
        }
    }

    int u8(long off, String what) throws ElfFormatException {
        check(off, 1, what);
        return buf.get((int) off) & 0xff;
    }

    int u16(long off, String what) throws ElfFormatException {
        check(off, 2, what);
        return buf.getShort((int) off) & 0xffff;
    }

    long u32(long off, String what) throws ElfFormatException {
        check(off, 4, what);
        return buf.getInt((int) off) & 0xffffffffL;
    }

    long u64(long off, String what) throws ElfFormatException {
        check(off, 8, what);
        return buf.getLong((int) off);
    }

    /** A 32- or 64-bit field, zero-extended. */
    long word(long off, boolean is64, String what) throws ElfFormatException {
        return is64 ? u64(off, what) : u32(off, what);
    }

    /** A read-only view of [offset, offset + length) with the file's byte order. */
    ByteBuffer slice(long offset, long length, String what) throws ElfFormatException {
        check(offset, length, what);
        return buf.slice((int) offset, (int) length).asReadOnlyBuffer().order(buf.order());
    }

    /** NUL-terminated string at {@code offset}, which must end before {@code limit}. */
    String cstring(long offset, long limit, String what) throws ElfFormatException {
        check(offset, 0, what);
        long end = Math.min(limit, buf.limit());
        for (long i = offset; i < end; i++) {
            if (buf.get((int) i) == 0) {
                byte[] b = new byte[(int) (i - offset)];
                buf.get((int) offset, b);
                return new String(b, StandardCharsets.UTF_8);
            }
        }
        throw new ElfFormatException(what + ": string at 0x" + Long.toHexString(offset) + " is not NUL-terminated");
    }
}
