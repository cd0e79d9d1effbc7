package org.vmscope.model.check;

import java.util.ArrayList;
import java.util.List;

/** Collects problems up to a limit, so a thoroughly corrupt state still gives a bounded report. */
final class ProblemSink {
    static final int DEFAULT_LIMIT = 10_000;

    private final List<Problem> problems = new ArrayList<>();
    private final int limit;
    private int dropped;

    ProblemSink() {
        this(DEFAULT_LIMIT);
    }

    ProblemSink(int limit) {
        this.limit = limit;
    }

    void add(Problem p) {
        if (problems.size() < limit) {
            problems.add(p);
        } else {
            dropped++;
        }
    }

    void add(ProblemCode code, String subject, String format, Object... args) {
        add(Problem.of(code, subject, args.length == 0 ? format : String.format(format, args)));
    }

    void add(Severity severity, ProblemCode code, String subject, String format, Object... args) {
        add(new Problem(severity, code, subject, args.length == 0 ? format : String.format(format, args)));
    }

    /** Whether any problem with {@code code} was recorded so far. */
    boolean has(ProblemCode code) {
        for (Problem p : problems) {
            if (p.code() == code) {
                return true;
            }
        }
        return false;
    }

    int size() {
        return problems.size() + dropped;
    }

    List<Problem> problems() {
        List<Problem> out = new ArrayList<>(problems);
        if (dropped > 0) {
            out.add(Problem.of(ProblemCode.CHECK_LIMIT_REACHED, "checks", dropped + " more problems not listed"));
        }
        return out;
    }
}
