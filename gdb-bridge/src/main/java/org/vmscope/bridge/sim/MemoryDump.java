package org.vmscope.bridge.sim;

import java.nio.ByteOrder;

/**
 * The monitor's {@code xp} and {@code x} dumps in QEMU's layout: {@code ADDR: 0x........ ...}, 16 bytes a line
 * (8 for bytes), physical addresses with 16 digits, virtual ones with the target's word width, and
 * {@code " Cannot access memory"} ending the dump at the first line that cannot be read.
 */
final class MemoryDump {
    /** Largest dump one command prints, so a typo cannot ask for gigabytes of text. */
    static final long MAX_BYTES = 1 << 20;

    /** Reads one line's bytes, or returns null when they cannot be read. */
    @FunctionalInterface
    interface LineReader {
        byte[] read(long address, int length);
    }

    /** A parsed {@code /[count][format][size]} suffix. */
    record Format(int count, char format, int wordSize) {
    }

    private MemoryDump() {
    }

    /**
     * Parses {@code /fmt} as HMP does: a count, then format letters ({@code o x d u}) and size letters
     * ({@code b h w g}) in any order. Defaults: one hex 32-bit word.
     *
     * @throws IllegalArgumentException with HMP's message for a bad format
     */
    static Format parseFormat(String spec) {
        int count = 1;
        char format = 'x';
        int size = 4;
        int i = 0;
        if (i < spec.length() && Character.isDigit(spec.charAt(i))) {
            long c = 0;
            while (i < spec.length() && Character.isDigit(spec.charAt(i))) {
                c = Math.min(c * 10 + (spec.charAt(i) - '0'), Integer.MAX_VALUE);
                i++;
            }
            count = (int) c;
        }
        for (; i < spec.length(); i++) {
            char ch = spec.charAt(i);
            switch (ch) {
                case 'o', 'x', 'd', 'u' -> format = ch;
                case 'b' -> size = 1;
                case 'h' -> size = 2;
                case 'w' -> size = 4;
                case 'g', 'L' -> size = 8;
                case 'c', 'i' -> throw new IllegalArgumentException("format '" + ch + "' is not supported by vmscope");
                default -> throw new IllegalArgumentException("invalid char in format: '" + ch + "'");
            }
        }
        return new Format(count, format, size);
    }

    static String dump(Format f, long address, boolean physical, int addressDigits, ByteOrder order,
            LineReader reader) {
        long len = (long) f.count() * f.wordSize();
        if (len > MAX_BYTES) {
            return "dump of " + len + " bytes refused: at most " + MAX_BYTES + "\n";
        }
        int lineSize = f.wordSize() == 1 ? 8 : 16;
        int digits = switch (f.format()) {
            case 'o' -> (f.wordSize() * 8 + 2) / 3;
            case 'u', 'd' -> (f.wordSize() * 8 * 10 + 32) / 33;
            default -> f.wordSize() * 2;
        };
        String addrFormat = physical ? "%016x:" : "%0" + addressDigits + "x:";
        StringBuilder s = new StringBuilder();
        long addr = address;
        while (len > 0) {
            s.append(String.format(addrFormat, physical || addressDigits >= 16 ? addr : addr & 0xffffffffL));
            int l = (int) Math.min(len, lineSize);
            byte[] buf = reader.read(addr, l);
            if (buf == null || buf.length < l) {
                s.append(" Cannot access memory\n");
                break;
            }
            for (int i = 0; i + f.wordSize() <= l; i += f.wordSize()) {
                long v = word(buf, i, f.wordSize(), order);
                s.append(' ');
                switch (f.format()) {
                    case 'o' -> s.append(String.format("%#" + digits + "o", v));
                    case 'u' -> s.append(String.format("%" + digits + "s", Long.toUnsignedString(v)));
                    case 'd' -> s.append(String.format("%" + digits + "d", v));
                    default -> s.append(String.format("0x%0" + digits + "x", v));
                }
            }
            s.append('\n');
            addr += l;
            len -= l;
        }
        return s.toString();
    }

    private static long word(byte[] b, int off, int size, ByteOrder order) {
        long v = 0;
        for (int i = 0; i < size; i++) {
            int k = order == ByteOrder.BIG_ENDIAN ? off + i : off + size - 1 - i;
            v = (v << 8) | (b[k] & 0xffL);
        }
        return v;
    }
}
