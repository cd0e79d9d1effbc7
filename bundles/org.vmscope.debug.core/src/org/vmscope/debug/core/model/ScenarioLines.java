package org.vmscope.debug.core.model;

/** A target that runs a scenario file: its stops have a line. */
public interface ScenarioLines {

    /** The line the next step runs, or -1 at the end. */
    int nextLine();

    /** The scenario file's path as launched (for source lookup), or an {@code example:} name. */
    String scenarioRef();
}
