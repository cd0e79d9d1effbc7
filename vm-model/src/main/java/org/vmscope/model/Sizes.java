package org.vmscope.model;

import java.util.Locale;

/**
 * Numbers and sizes as users write them on command lines and in scenarios: decimal or {@code 0x} hex,
 * decimal ones optionally followed by K, M or G (binary multiples, {@code KiB}/{@code KB} accepted too).
 */
public final class Sizes {

    private Sizes() {
    }

    /**
     * Parses {@code 4096}, {@code 0x1000}, {@code 16M}, {@code 4G}, {@code 64KiB}, {@code -2}.
     *
     * @throws IllegalArgumentException naming the text when it is not a number or does not fit in 64 bits
     */
    public static long parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        boolean hex = t.startsWith("0X");
        int shift = 0;
        if (!hex) {
            if (t.endsWith("IB")) {
                t = t.substring(0, t.length() - 2);
            } else if (t.length() > 1 && t.endsWith("B") && "KMG".indexOf(t.charAt(t.length() - 2)) >= 0) {
                t = t.substring(0, t.length() - 1);
            }
            if (!t.isEmpty()) {
                shift = switch (t.charAt(t.length() - 1)) {
                    case 'K' -> 10;
                    case 'M' -> 20;
                    case 'G' -> 30;
                    default -> 0;
                };
                if (shift != 0) {
                    t = t.substring(0, t.length() - 1);
                }
            }
        }
        try {
            long v = hex ? Long.parseUnsignedLong(t.substring(2), 16) : Long.parseLong(t);
            return Math.multiplyExact(v, 1L << shift);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is not a number or size (e.g. 4096, 0x1000, 16M, 4G)");
        }
    }

    /** Like {@link #parse} but the value must be positive. */
    public static long parsePositive(String text) {
        long v = parse(text);
        if (v <= 0) {
            throw new IllegalArgumentException("'" + text + "' must be positive");
        }
        return v;
    }
}
