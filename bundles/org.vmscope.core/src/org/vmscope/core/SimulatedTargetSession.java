package org.vmscope.core;

import java.util.List;

import org.vmscope.model.Arch;

/** A simulated Phoenix-RTOS kernel booted in-process from vm-model. */
public final class SimulatedTargetSession implements TargetSession {
    private final SimulatedTargetSpec spec;

    private SimulatedTargetSession(SimulatedTargetSpec spec) {
        this.spec = spec;
    }

    public static SimulatedTargetSession boot(SimulatedTargetSpec spec) {
        return new SimulatedTargetSession(spec);
    }

    @Override
    public String name() {
        return String.format("simulated %s, %d MiB", spec.arch().id(), spec.ramBytes() >> 20);
    }

    @Override
    public Arch arch() {
        return spec.arch();
    }

    @Override
    public List<PageRun> pageRuns() {
        // BUILD-PIPELINE PROBE: replaced by the booted model's page map
        return List.of(new PageRun(0, spec.ramBytes() / spec.arch().pageSize(), '.', 1));
    }

    @Override
    public PageTotals pageTotals() {
        return new PageTotals(spec.ramBytes(), spec.ramBytes(), spec.arch().pageSize());
    }
}
