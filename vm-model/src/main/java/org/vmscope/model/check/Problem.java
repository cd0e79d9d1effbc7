package org.vmscope.model.check;

import java.util.Objects;

/**
 * One broken invariant.
 *
 * @param code    stable identifier of the kind of problem
 * @param subject the object at fault, named as a kernel developer would look it up, e.g.
 *                {@code page_t @0x00402000 (index 1026)} or
 *                {@code map_entry 0x08048000-0x0804c000 in map of pid 3}
 * @param message what is wrong, with the values involved
 */
public record Problem(Severity severity, ProblemCode code, String subject, String message) {

    public Problem {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        subject = subject == null ? "" : subject;
        message = message == null ? "" : message;
    }

    /** A problem with its code's usual severity. */
    public static Problem of(ProblemCode code, String subject, String message) {
        return new Problem(code.severity(), code, subject, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        return severity + " " + code + " " + subject + ": " + message;
    }
}
