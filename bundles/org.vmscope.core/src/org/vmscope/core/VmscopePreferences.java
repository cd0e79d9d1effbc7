package org.vmscope.core;

import java.util.Locale;

import org.eclipse.core.runtime.preferences.DefaultScope;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.IScopeContext;
import org.eclipse.core.runtime.preferences.InstanceScope;

/**
 * vmscope's settings, kept in the {@value #NODE} preference node so that targets (simulated or live) read
 * them without the UI. The preference page writes the instance scope; {@link #initDefaults()} fills the
 * default scope.
 *
 * <ul>
 * <li>{@value #REFRESH_POLICY}: {@value #REFRESH_ON_STOP} (views follow every stop of the target) or
 * {@value #REFRESH_MANUAL} (views change only on Refresh)</li>
 * <li>{@value #READ_BUDGET_KIB}: the most KiB one refresh of a live target may read (bounds a walk over a slow
 * probe)</li>
 * <li>{@value #MARKER_COLOUR_PREFIX}{@code <marker>}: the frame map's colour of a psh page marker as
 * {@code R,G,B}, e.g. {@code marker.colour.A = 0,128,0}</li>
 * </ul>
 */
public final class VmscopePreferences {
    public static final String NODE = "org.vmscope.core";
    public static final String REFRESH_POLICY = "refresh.policy";
    public static final String REFRESH_ON_STOP = "stop";
    public static final String REFRESH_MANUAL = "manual";
    public static final String READ_BUDGET_KIB = "live.readBudgetKiB";
    public static final int DEFAULT_READ_BUDGET_KIB = 16 * 1024;
    public static final String MARKER_COLOUR_PREFIX = "marker.colour.";
    /** The markers the frame map colours: psh's {@code mem -p} letters, {@code x} for a hole. */
    public static final String MARKERS = ".xBKYCMPSHAU";

    private VmscopePreferences() {
    }

    /** Writes the defaults; idempotent. */
    public static void initDefaults() {
        IEclipsePreferences d = DefaultScope.INSTANCE.getNode(NODE);
        d.put(REFRESH_POLICY, REFRESH_ON_STOP);
        d.putInt(READ_BUDGET_KIB, DEFAULT_READ_BUDGET_KIB);
        for (char m : MARKERS.toCharArray()) {
            d.put(MARKER_COLOUR_PREFIX + m, defaultColour(m));
        }
    }

    /** The psh-inspired palette: free white, kernel reds, page tables magenta, user memory green/olive. */
    public static String defaultColour(char marker) {
        return switch (marker) {
            case '.' -> "255,255,255";
            case 'x' -> "192,192,192";
            case 'B' -> "128,128,128";
            case 'K', 'Y', 'C', 'M' -> "128,0,0";
            case 'P' -> "255,0,255";
            case 'S' -> "128,0,128";
            case 'H' -> "255,0,0";
            case 'A' -> "0,128,0";
            case 'U' -> "128,128,0";
            default -> "0,0,0";
        };
    }

    public static boolean refreshOnStop() {
        return !REFRESH_MANUAL.equals(get(REFRESH_POLICY, REFRESH_ON_STOP));
    }

    /** The live read budget in bytes; at least one page's worth. */
    public static long readBudgetBytes() {
        long kib;
        try {
            kib = Long.parseLong(get(READ_BUDGET_KIB, Integer.toString(DEFAULT_READ_BUDGET_KIB)).trim());
        } catch (NumberFormatException e) {
            kib = DEFAULT_READ_BUDGET_KIB;
        }
        return Math.max(4, kib) * 1024;
    }

    /** The marker's colour as {@code {r, g, b}}; a malformed setting falls back to the default. */
    public static int[] markerColour(char marker) {
        int[] rgb = parseRgb(get(MARKER_COLOUR_PREFIX + marker, defaultColour(marker)));
        return rgb != null ? rgb : parseRgb(defaultColour(marker));
    }

    /** {@code R,G,B} with each part 0..255, or null. */
    static int[] parseRgb(String text) {
        String[] parts = text == null ? new String[0] : text.split(",");
        if (parts.length != 3) {
            return null;
        }
        int[] rgb = new int[3];
        try {
            for (int i = 0; i < 3; i++) {
                rgb[i] = Integer.parseInt(parts[i].trim().toLowerCase(Locale.ROOT));
                if (rgb[i] < 0 || rgb[i] > 255) {
                    return null;
                }
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return rgb;
    }

    private static String get(String key, String fallback) {
        IScopeContext[] order = { InstanceScope.INSTANCE, DefaultScope.INSTANCE };
        for (IScopeContext c : order) {
            String v = c.getNode(NODE).get(key, null);
            if (v != null) {
                return v;
            }
        }
        return fallback;
    }
}
