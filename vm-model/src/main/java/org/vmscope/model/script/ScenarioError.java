package org.vmscope.model.script;

/** A scenario error at a line: a parse error, an unknown name, a failed {@code expect}. */
public record ScenarioError(String file, int line, String message) {

    /** {@code file:line: message}. */
    @Override
    public String toString() {
        return file + ":" + line + ": " + message;
    }
}
