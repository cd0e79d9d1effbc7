package org.vmscope.ui.internal;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Display;
import org.vmscope.model.page.PageFlags;

/** psh's page markers as a legend: what each means, and the colour the views draw it in. */
public final class PageMarkers {

    private PageMarkers() {
    }

    /** The marker's meaning, as the state diff also words it. */
    public static String describe(char marker) {
        return PageFlags.markerOwner(marker);
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
