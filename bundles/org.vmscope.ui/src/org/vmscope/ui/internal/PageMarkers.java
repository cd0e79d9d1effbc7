package org.vmscope.ui.internal;

import org.eclipse.jface.resource.ColorRegistry;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Display;
import org.vmscope.core.VmscopePreferences;
import org.vmscope.model.page.PageFlags;

/** psh's page markers as a legend: what each means, and the colour the views draw it in. */
public final class PageMarkers {
    private static final String KEY = "org.vmscope.marker.";

    private PageMarkers() {
    }

    /** The marker's meaning, as the state diff also words it. */
    public static String describe(char marker) {
        return PageFlags.markerOwner(marker);
    }

    /**
     * The marker's colour from the preferences ({@link VmscopePreferences#markerColour}); JFace's colour registry
     * owns the colours, so nothing needs disposing.
     */
    public static Color colour(Display display, char marker) {
        int[] c = VmscopePreferences.markerColour(marker);
        RGB rgb = new RGB(c[0], c[1], c[2]);
        ColorRegistry registry = JFaceResources.getColorRegistry();
        String key = KEY + (int) marker;
        if (!rgb.equals(registry.getRGB(key))) {
            registry.put(key, rgb);
        }
        return registry.get(key);
    }
}
