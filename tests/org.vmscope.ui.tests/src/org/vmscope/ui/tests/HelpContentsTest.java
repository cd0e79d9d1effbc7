package org.vmscope.ui.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.Platform;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;

/** The user guide the help system shows: registered, and every topic and picture it names is in the bundle. */
public class HelpContentsTest {
    private static final Pattern HREF = Pattern.compile("(?:href|topic)=\"([^\"#]+)\"");
    private static final Pattern IMG = Pattern.compile("<img src=\"([^\"]+)\"");

    private static String read(Bundle b, String path) throws Exception {
        URL u = b.getEntry(path);
        assertNotNull(u, path + " is in " + b.getSymbolicName());
        try (InputStream in = u.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    public void everyViewHasAGuidePageWithItsPictures() throws Exception {
        String toc = null;
        for (IConfigurationElement e : Platform.getExtensionRegistry().getConfigurationElementsFor("org.eclipse.help.toc")) {
            if (e.getContributor().getName().equals("org.vmscope.ui") && "true".equals(e.getAttribute("primary"))) {
                toc = e.getAttribute("file");
            }
        }
        assertNotNull(toc, "org.vmscope.ui contributes a primary table of contents");
        Bundle ui = Platform.getBundle("org.vmscope.ui");
        String text = read(ui, toc);
        List<String> pages = new ArrayList<>();
        Matcher m = HREF.matcher(text);
        while (m.find()) {
            pages.add(m.group(1));
        }
        for (IConfigurationElement v : Platform.getExtensionRegistry().getConfigurationElementsFor("org.eclipse.ui.views")) {
            if ("view".equals(v.getName()) && v.getContributor().getName().equals("org.vmscope.ui")) {
                String name = v.getAttribute("name");
                assertTrue(Pattern.compile("label=\"[^\"]*" + Pattern.quote(name)).matcher(text).find(),
                        "the guide has a topic for " + name);
            }
        }
        for (String page : pages) {
            String html = read(ui, page);
            String dir = page.substring(0, page.lastIndexOf('/') + 1);
            Matcher img = IMG.matcher(html);
            while (img.find()) {
                assertNotNull(ui.getEntry(dir + img.group(1)), page + " shows " + img.group(1));
            }
        }
    }
}
