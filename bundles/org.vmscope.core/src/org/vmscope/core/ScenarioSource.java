package org.vmscope.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.vmscope.model.script.Examples;

/**
 * Where a scenario's text comes from: {@code example:NAME} for a shipped example, else a file path. Launch
 * configurations, the IDE's start-up options and dialogs all name scenarios this way.
 */
public final class ScenarioSource {
    public static final String EXAMPLE = "example:";

    private ScenarioSource() {
    }

    /** The name errors and titles use: the example's or the file's name. */
    public static String name(String ref) {
        return ref.startsWith(EXAMPLE) ? ref.substring(EXAMPLE.length()) : Path.of(ref).getFileName().toString();
    }

    /** The scenario's text; a missing example or unreadable file is an {@link IOException} naming it. */
    public static String text(String ref) throws IOException {
        if (ref.startsWith(EXAMPLE)) {
            return Examples.read(ref.substring(EXAMPLE.length()));
        }
        Path p = Path.of(ref);
        if (!Files.isRegularFile(p)) {
            throw new IOException("no scenario file " + ref);
        }
        return Files.readString(p, StandardCharsets.UTF_8);
    }
}
