package org.vmscope.bench;

/** A benchmark whose paired operations leak measures a drifting state, not a steady one: fail the trial. */
final class Balance {
    private Balance() {
    }

    static void check(String what, long before, long after) {
        if (before != after) {
            throw new IllegalStateException(what + " drifted: " + before + " before, " + after + " after");
        }
    }
}
