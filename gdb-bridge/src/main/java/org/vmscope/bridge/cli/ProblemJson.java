package org.vmscope.bridge.cli;

import java.util.List;

import org.vmscope.model.check.Problem;

/** The checks' problems as a JSON array of {severity, code, subject, message}, the one form every command uses. */
final class ProblemJson {
    private ProblemJson() {
    }

    static JsonWriter write(JsonWriter j, String name, List<Problem> problems) {
        j.name(name).beginArray();
        for (Problem p : problems) {
            j.beginObject().field("severity", p.severity().name()).field("code", p.code().name())
                    .field("subject", p.subject()).field("message", p.message()).endObject();
        }
        return j.endArray();
    }
}
