package org.vmscope.model.state.data;

import java.util.Locale;

/** Byte counts for people: {@code 300 B}, {@code 16 KiB}, {@code 15.6 MiB}, {@code 4 GiB}. */
public final class Sizes {
    private Sizes() {
    }

    /** {@code bytes} in the largest binary unit it reaches, with one decimal unless the value is whole. */
    public static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double v = bytes / 1024.0;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%d %s", (long) v, units[u])
                : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
