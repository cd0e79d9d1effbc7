package org.vmscope.core;

import java.util.List;

import org.vmscope.model.page.PageRun;
import org.vmscope.model.phys.PhysReader;

import org.vmscope.model.Arch;
import org.vmscope.model.state.State;

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

    /** The buddy free lists that hold blocks, smallest first; none when the target keeps no page array. */
    default List<BuddyList> buddyLists() {
        return List.of();
    }

    /** Page allocator totals. */
    PageTotals pageTotals();

    /** The kernel map first, then each process's map by pid. */
    List<AddressSpace> addressSpaces();

    /** Address spaces with hardware page tables (none on non-MMU targets), kernel first. */
    List<PageTableSpace> pageTableSpaces();

    /** Physical memory to walk the page tables through (the simulator's RAM, or a live target's reader). */
    PhysReader physicalMemory();

    /** kmalloc classes and the entry pool. */
    KernelHeap kernelHeap();

    /** What the consistency checks find wrong in the VM state now, in the order they found it. */
    List<Finding> problems();

    /** The memory objects the kernel map and the live processes' maps use, each with its users. */
    List<MemoryObjectInfo> memoryObjects();

    /**
     * The whole VM state now as one read-only picture, the content of a snapshot file.
     *
     * @throws UnsupportedOperationException when this kind of target cannot be pictured (the message says which)
     */
    default State captureState() {
        throw new UnsupportedOperationException(name() + ": this target cannot be saved as a snapshot");
    }

    /** Bytes in a pointer on the target (4 or 8), for address columns. */
    default int pointerBytes() {
        return arch().pointerBytes();
    }
}
