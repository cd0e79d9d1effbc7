package org.vmscope.install.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Installs the vmscope feature from the built update site into a plain Eclipse product, offline, with
 * the p2 director, as a user would into an existing Eclipse; then checks that the product now has the
 * vmscope bundles resolved and the vmscope views registered.
 */
public class UpdateSiteInstallTest {
    private static final String FEATURE = "org.vmscope.feature.feature.group";

    @Test
    public void installsOfflineAndTheViewsArePresent() throws Exception {
        Path site = Path.of(System.getProperty("vmscope.site.dir"));
        Path archive = Path.of(System.getProperty("vmscope.base.archive"));
        Path work = Path.of(System.getProperty("vmscope.work.dir"));
        assertTrue(Files.isRegularFile(site.resolve("content.jar")) || Files.isRegularFile(site.resolve("content.xml.xz")),
                "update site built at " + site);
        deleteTree(work);
        EclipseInstallation eclipse = EclipseInstallation.unpack(archive, work);

        EclipseInstallation.Result before = eclipse.application("org.eclipse.equinox.p2.director",
                List.of("-listInstalledRoots"), 300);
        assertEquals(0, before.exit(), before.output());
        assertFalse(before.output().contains("org.vmscope.feature"), "the base product has no vmscope yet");

        // file: repository only, and no network: the site must carry everything the feature needs
        EclipseInstallation.Result install = eclipse.application("org.eclipse.equinox.p2.director",
                List.of("-repository", site.toUri().toString(), "-installIU", FEATURE,
                        "-vmargs", "-Declipse.p2.mirrors=false"), 600);
        assertEquals(0, install.exit(), install.output());
        assertTrue(install.output().contains("Operation completed"), install.output());

        EclipseInstallation.Result after = eclipse.application("org.eclipse.equinox.p2.director",
                List.of("-listInstalledRoots"), 300);
        assertTrue(after.output().contains("org.vmscope.feature.feature.group"), after.output());

        EclipseInstallation.Result inventory = eclipse.application("org.vmscope.core.inventory", List.of(), 300);
        assertEquals(0, inventory.exit(), inventory.output());
        assertTrue(inventory.output().contains("view org.vmscope.ui.views.physicalMemory \"Physical Memory\" from org.vmscope.ui"),
                inventory.output());
        for (String bundle : List.of("org.vmscope.model", "org.vmscope.bridge", "org.vmscope.core", "org.vmscope.ui")) {
            assertTrue(inventory.output().matches("(?s).*bundle " + bundle.replace(".", "\\.") + " \\S+ resolved.*"),
                    bundle + " resolved in:\n" + inventory.output());
        }
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var s = Files.walk(root)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
