package org.vmscope.ui.export;

import java.util.function.Supplier;

/**
 * One way to export a view's content: its name in the Export dialog, the file extension, and the text.
 *
 * @param name e.g. {@code CSV}, {@code psh mem -m}
 */
public record Export(String name, String extension, Supplier<String> text) {
    public static final String CSV = "CSV";
    public static final String JSON = "JSON";
}
