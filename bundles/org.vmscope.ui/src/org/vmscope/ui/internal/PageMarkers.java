package org.vmscope.ui.internal;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Display;

/** psh's page markers as a legend: what each means, and the colour the views draw it in. */
public final class PageMarkers {

    private PageMarkers() {
    }

    public static String describe(char marker) {
        return switch (marker) {
            case '.' -> "free";
            case 'x' -> "hole (no page_t)";
            case 'B' -> "boot / reserved";
            case 'K' -> "kernel";
            case 'Y' -> "kernel: syspage";
            case 'C' -> "kernel: cpu";
            case 'P' -> "kernel: page table";
            case 'M' -> "kernel: pmap";
            case 'S' -> "kernel: stack";
            case 'H' -> "kernel: heap";
            case 'A' -> "application";
            case 'U' -> "reused (owner bits accumulated)";
            default -> "unknown";
        };
    }

    /** System colours only, so nothing needs disposing. */
    public static Color colour(Display display, char marker) {
        int id = switch (marker) {
            case '.' -> SWT.COLOR_WHITE;
            case 'x' -> SWT.COLOR_GRAY;
            case 'B' -> SWT.COLOR_DARK_GRAY;
            case 'K', 'Y', 'C', 'M' -> SWT.COLOR_DARK_RED;
            case 'P' -> SWT.COLOR_MAGENTA;
            case 'S' -> SWT.COLOR_DARK_MAGENTA;
            case 'H' -> SWT.COLOR_RED;
            case 'A' -> SWT.COLOR_DARK_GREEN;
            case 'U' -> SWT.COLOR_DARK_YELLOW;
            default -> SWT.COLOR_BLACK;
        };
        return display.getSystemColor(id);
    }
}
