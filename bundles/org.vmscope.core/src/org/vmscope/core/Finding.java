package org.vmscope.core;

import java.util.Objects;

import org.vmscope.model.check.Problem;
import org.vmscope.model.check.Severity;

/**
 * One consistency problem found in the target's VM state.
 *
 * @param code    the stable problem identifier, e.g. {@code OBJECT_REFS_MISMATCH}
 * @param subject the structure at fault as a kernel developer names it, e.g. {@code object file 2.3002}
 */
public record Finding(Severity severity, String code, String subject, String message) {

    public Finding {
        Objects.requireNonNull(severity, "severity");
        code = code == null ? "" : code;
        subject = subject == null ? "" : subject;
        message = message == null ? "" : message;
    }

    public static Finding of(Problem p) {
        return new Finding(p.severity(), p.code().name(), p.subject(), p.message());
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
