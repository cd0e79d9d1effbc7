package org.vmscope.model.script;

/** One scenario line: its number (1-based), its text without the comment, and the parsed operation. */
public record Step(int line, String text, Op op) {
}
