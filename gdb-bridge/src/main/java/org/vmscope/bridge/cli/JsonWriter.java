package org.vmscope.bridge.cli;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A small streaming JSON writer for command output: objects, arrays, strings, numbers, booleans and
 * null, with commas placed for the caller. 64-bit addresses should be written as hex strings (JSON
 * numbers lose precision above 2^53 in many readers).
 */
public final class JsonWriter {
    private final StringBuilder out = new StringBuilder();
    /** Per open container: whether it already has an element. */
    private final Deque<boolean[]> open = new ArrayDeque<>();
    private boolean afterName;

    public JsonWriter beginObject() {
        separate();
        out.append('{');
        open.push(new boolean[1]);
        return this;
    }

    public JsonWriter endObject() {
        open.pop();
        out.append('}');
        return this;
    }

    public JsonWriter beginArray() {
        separate();
        out.append('[');
        open.push(new boolean[1]);
        return this;
    }

    public JsonWriter endArray() {
        open.pop();
        out.append(']');
        return this;
    }

    /** The name of the next member of the current object. */
    public JsonWriter name(String name) {
        separate();
        string(name);
        out.append(':');
        afterName = true;
        return this;
    }

    public JsonWriter value(String s) {
        separate();
        if (s == null) {
            out.append("null");
        } else {
            string(s);
        }
        return this;
    }

    public JsonWriter value(long n) {
        separate();
        out.append(n);
        return this;
    }

    public JsonWriter value(double d) {
        separate();
        out.append(Double.isFinite(d) ? Double.toString(d) : "null");
        return this;
    }

    public JsonWriter value(boolean b) {
        separate();
        out.append(b);
        return this;
    }

    /** {@code name: value} in one call. */
    public JsonWriter field(String name, String value) {
        return name(name).value(value);
    }

    public JsonWriter field(String name, long value) {
        return name(name).value(value);
    }

    public JsonWriter field(String name, boolean value) {
        return name(name).value(value);
    }

    /** An unsigned 64-bit value as a {@code 0x...} string. */
    public JsonWriter hex(String name, long value) {
        return name(name).value("0x" + Long.toHexString(value));
    }

    private void separate() {
        if (afterName) {
            afterName = false;
            return;
        }
        boolean[] top = open.peek();
        if (top != null) {
            if (top[0]) {
                out.append(',');
            }
            top[0] = true;
        }
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
