package org.vmscope.model.script;

import java.util.ArrayList;
import java.util.List;

import org.vmscope.model.kernel.Machine;

/**
 * A parsed {@code .vmsim} scenario: its steps with line numbers and the parse errors (as values; a scenario with
 * errors cannot be run). The grammar is in the package documentation.
 */
public final class Scenario {
    private final String file;
    private final List<Step> steps;
    private final List<ScenarioError> errors;

    private Scenario(String file, List<Step> steps, List<ScenarioError> errors) {
        this.file = file;
        this.steps = List.copyOf(steps);
        this.errors = List.copyOf(errors);
    }

    /** Parses {@code text}, naming it {@code <scenario>} in errors. */
    public static Scenario parse(String text) {
        return parse("<scenario>", text);
    }

    /** Parses {@code text}; {@code file} is the name errors carry. Never throws for bad input. */
    public static Scenario parse(String file, String text) {
        List<Step> steps = new ArrayList<>();
        List<ScenarioError> errors = new ArrayList<>();
        String[] lines = (text == null ? "" : text).split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            try {
                Step s = ScenarioParser.parseLine(i + 1, lines[i]);
                if (s != null) {
                    steps.add(s);
                }
            } catch (ScenarioParser.ParseException e) {
                errors.add(new ScenarioError(file, i + 1, e.getMessage()));
            }
        }
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).op() instanceof Op.MachineOp && i != 0) {
                errors.add(new ScenarioError(file, steps.get(i).line(), "'machine' must be the first operation"));
            }
        }
        return new Scenario(file, steps, errors);
    }

    public String file() {
        return file;
    }

    public List<Step> steps() {
        return steps;
    }

    public List<ScenarioError> errors() {
        return errors;
    }

    public boolean isValid() {
        return errors.isEmpty();
    }

    /** Whether the scenario names its own machine (a {@code machine} line). */
    public boolean hasMachine() {
        return !steps.isEmpty() && steps.get(0).op() instanceof Op.MachineOp;
    }

    /** A run of this scenario; {@code defaultMachine} serves when it has no {@code machine} line (may be null). */
    public ScenarioRun start(Machine defaultMachine) {
        return new ScenarioRun(this, defaultMachine);
    }
}
