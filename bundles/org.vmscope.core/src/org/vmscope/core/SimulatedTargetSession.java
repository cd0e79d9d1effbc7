package org.vmscope.core;

import java.util.List;

import org.vmscope.model.Arch;
import org.vmscope.model.kernel.BootException;
import org.vmscope.model.kernel.Machine;
import org.vmscope.model.kernel.SimKernel;
import org.vmscope.model.map.VmMap;
import org.vmscope.model.page.PageAllocator;
import org.vmscope.model.page.PageRun;

/** A simulated Phoenix-RTOS kernel booted in-process from vm-model's standard machine for an architecture. */
public final class SimulatedTargetSession implements TargetSession {
    private final SimulatedTargetSpec spec;
    private final SimKernel kernel;

    private SimulatedTargetSession(SimulatedTargetSpec spec, SimKernel kernel) {
        this.spec = spec;
        this.kernel = kernel;
    }

    /**
     * Boots the simulated kernel.
     *
     * @throws IllegalArgumentException when the machine cannot boot (e.g. too little RAM), with the reason
     */
    public static SimulatedTargetSession boot(SimulatedTargetSpec spec) {
        try {
            return new SimulatedTargetSession(spec, SimKernel.boot(Machine.standard(spec.arch(), spec.ramBytes())));
        } catch (BootException e) {
            throw new IllegalArgumentException("simulated " + spec.arch().id() + " does not boot: " + e.getMessage(), e);
        }
    }

    public SimKernel kernel() {
        return kernel;
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
        PageAllocator pages = kernel.pages();
        // NOMMU targets keep token pages with no frame addresses: there is no page map to show
        return pages == null ? List.of() : pages.runs();
    }

    @Override
    public List<AddressSpace> addressSpaces() {
        VmMap kmap = kernel.kmap();
        return List.of(new AddressSpace("kernel", AddressSpace.KERNEL, kmap.start(), kmap.stop(), kmap.info()));
    }

    @Override
    public KernelHeap kernelHeap() {
        return SimulatedHeap.read(kernel.kmalloc(), kernel.entryPool());
    }

    @Override
    public PageTotals pageTotals() {
        return new PageTotals(kernel.allocBytes() + kernel.freeBytes(), kernel.freeBytes(), spec.arch().pageSize());
    }
}
