package org.vmscope.debug.ui.internal;

import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.jface.resource.ImageRegistry;
import org.eclipse.swt.graphics.Image;
import org.eclipse.ui.PlatformUI;

/** The bundle's icons, loaded once and disposed with the display. */
final class Images {
    static final String SIMULATED = "icons/simulated.png";
    static final String REMOTE = "icons/remote.png";

    private static ImageRegistry registry;

    private Images() {
    }

    static synchronized Image get(String path) {
        if (registry == null) {
            registry = new ImageRegistry(PlatformUI.getWorkbench().getDisplay());
        }
        Image i = registry.get(path);
        if (i == null) {
            registry.put(path, ImageDescriptor.createFromURL(Images.class.getResource("/" + path)));
            i = registry.get(path);
        }
        return i;
    }
}
