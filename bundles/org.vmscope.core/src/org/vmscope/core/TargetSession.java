package org.vmscope.core;

import java.util.List;

import org.vmscope.model.page.PageRun;

import org.vmscope.model.Arch;

/**
 * One target vmscope shows: a simulated Phoenix-RTOS kernel, or (later) a live target mirrored over
 * GDB. Views read the target's current state through this, whatever the target is.
 */
public interface TargetSession {

    /** A short name for titles, e.g. {@code simulated ia32, 16 MiB}. */
    String name();

    Arch arch();

    /** The physical page map as runs of equal pages, in address order. */
    List<PageRun> pageRuns();

    /** Page allocator totals. */
    PageTotals pageTotals();
}
