package org.vmscope.bridge.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/** Inflates compressed debug sections: SHF_COMPRESSED (Elf_Chdr + zlib) and legacy ".zdebug_*" ("ZLIB" + size). */
final class SectionInflater {
    static final int ELFCOMPRESS_ZLIB = 1;
    static final int ELFCOMPRESS_ZSTD = 2;
    /** zlib cannot expand data by more than about 1032:1; a larger claim is a corrupt header. */
    private static final long MAX_RATIO = 1100;

    private SectionInflater() {
    }

    /** Decodes the Elf32_Chdr / Elf64_Chdr at the start of {@code raw} and inflates what follows. */
    static ByteBuffer inflateChdr(ByteBuffer raw, boolean is64, ByteOrder order, String name)
            throws ElfFormatException {
        int headerSize = is64 ? 24 : 12;
        if (raw.remaining() < headerSize) {
            throw new ElfFormatException(name + ": compressed section shorter than its Elf_Chdr");
        }
        ByteBuffer b = raw.duplicate().order(order);
        int type = b.getInt(0);
        long size = is64 ? b.getLong(8) : b.getInt(4) & 0xffffffffL;
        if (type == ELFCOMPRESS_ZSTD) {
            throw new ElfFormatException(name + ": zstd-compressed section is not supported (rebuild with -gz=zlib)");
        }
        if (type != ELFCOMPRESS_ZLIB) {
            throw new ElfFormatException(name + ": unknown compression type " + type);
        }
        return inflate(b.slice(headerSize, b.limit() - headerSize), size, order, name);
    }

    /** Legacy GNU format: "ZLIB", 8-byte big-endian uncompressed size, zlib stream. */
    static ByteBuffer inflateGnu(ByteBuffer raw, ByteOrder order, String name) throws ElfFormatException {
        ByteBuffer b = raw.duplicate().order(ByteOrder.BIG_ENDIAN);
        if (b.remaining() < 12 || b.get(0) != 'Z' || b.get(1) != 'L' || b.get(2) != 'I' || b.get(3) != 'B') {
            return raw;
        }
        return inflate(b.slice(12, b.limit() - 12), b.getLong(4), order, name);
    }

    private static ByteBuffer inflate(ByteBuffer compressed, long size, ByteOrder order, String name)
            throws ElfFormatException {
        long compressedSize = compressed.remaining();
        if (size < 0 || size > Integer.MAX_VALUE - 16 || size > (compressedSize + 64) * MAX_RATIO) {
            throw new ElfFormatException(name + ": implausible uncompressed size 0x" + Long.toHexString(size)
                    + " for 0x" + Long.toHexString(compressedSize) + " compressed bytes");
        }
        byte[] out = new byte[(int) size];
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed.duplicate());
            int filled = 0;
            int stalls = 0;
            while (filled < out.length && !inflater.finished()) {
                int n = inflater.inflate(out, filled, out.length - filled);
                filled += n;
                if (n == 0) {
                    if (inflater.needsInput() || inflater.needsDictionary() || ++stalls > 4) {
                        throw new ElfFormatException(name + ": compressed data ends after 0x"
                                + Integer.toHexString(filled) + " of 0x" + Long.toHexString(size) + " bytes");
                    }
                } else {
                    stalls = 0;
                }
            }
            if (filled != out.length) {
                throw new ElfFormatException(name + ": inflated to 0x" + Integer.toHexString(filled)
                        + " bytes, header says 0x" + Long.toHexString(size));
            }
        } catch (DataFormatException e) {
            throw new ElfFormatException(name + ": corrupt zlib data: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
        return ByteBuffer.wrap(out).asReadOnlyBuffer().order(order);
    }
}
