package org.vmscope.core.internal;

import java.util.Arrays;
import java.util.Comparator;

import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.Platform;
import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * Headless application {@code org.vmscope.core.inventory}: prints the vmscope bundles with their state
 * and the views vmscope registers, one per line, and exits 0 only when every vmscope bundle resolved
 * and at least one view is registered. An install check can run it without a display.
 */
public class InventoryApplication implements IApplication {

    @Override
    public Object start(IApplicationContext context) {
        Bundle self = FrameworkUtil.getBundle(getClass());
        boolean ok = true;
        Bundle[] bundles = self.getBundleContext().getBundles();
        Arrays.sort(bundles, Comparator.comparing(Bundle::getSymbolicName, Comparator.nullsFirst(String::compareTo)));
        for (Bundle b : bundles) {
            String name = b.getSymbolicName();
            if (name != null && name.startsWith("org.vmscope.")) {
                boolean resolved = (b.getState() & (Bundle.RESOLVED | Bundle.STARTING | Bundle.ACTIVE)) != 0;
                ok &= resolved;
                System.out.printf("bundle %s %s %s%n", name, b.getVersion(), resolved ? "resolved" : "UNRESOLVED");
            }
        }
        int views = 0;
        for (IConfigurationElement e : Platform.getExtensionRegistry().getConfigurationElementsFor("org.eclipse.ui.views")) {
            if (e.getName().equals("view") && e.getContributor().getName().startsWith("org.vmscope.")) {
                views++;
                System.out.printf("view %s \"%s\" from %s%n", e.getAttribute("id"), e.getAttribute("name"),
                        e.getContributor().getName());
            }
        }
        ok &= views > 0;
        System.out.println(ok ? "inventory: ok" : "inventory: INCOMPLETE");
        return ok ? IApplication.EXIT_OK : Integer.valueOf(1);
    }

    @Override
    public void stop() {
        // nothing runs in the background
    }
}
