package org.vmscope.bridge.sim;

import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import org.vmscope.model.Arch;
import org.vmscope.model.kernel.KernelLayout;
import org.vmscope.model.kernel.MemRegion;
import org.vmscope.model.kernel.SimKernel;
import org.vmscope.model.pmap.PagingRoot;
import org.vmscope.model.pmap.Pmap;

/**
 * What one architecture looks like through QEMU's gdbstub: its target description, the registers a stopped
 * Phoenix-RTOS kernel would hold, which page-table roots those registers select, and the monitor's
 * {@code info mem} / {@code info registers} text.
 */
abstract class ArchProfile {

    abstract Arch arch();

    abstract Tdesc tdesc();

    /** gdb's name for {@code set architecture}, as in the description's {@code <architecture>}. */
    final String gdbArchitecture() {
        return tdesc().architecture();
    }

    /** How many registers (in regnum order) {@code g} carries, like QEMU's reply. */
    abstract int generalRegisterCount();

    /** The register naming the active address space's root (cr3, satp, TTBR0_EL1, ...), or null without MMU. */
    abstract String rootRegister();

    ByteOrder byteOrder() {
        return arch().byteOrder();
    }

    /** Hex digits of a virtual address in QEMU's {@code x} dump (the target's word size). */
    int addressDigits() {
        return arch().pointerBytes() * 2;
    }

    /**
     * Checks that the kernel's pmap writes the hardware tables this profile walks.
     *
     * @throws SimTargetException when it does not (a software pmap has no tables to serve)
     */
    abstract void check(SimKernel kernel) throws SimTargetException;

    /** The CPU state with {@code active} (null: the kernel's own pmap) as the current address space. */
    abstract CpuState state(SimKernel kernel, Pmap active);

    /** QEMU's {@code info mem} for this architecture, or vmscope's table where QEMU has none. */
    String infoMem(CpuState cpu, AddressTranslator mmu) {
        return MemListing.generic(mmu, arch().pointerBytes() * 2);
    }

    abstract String infoRegisters(CpuState cpu);

    // ---- places a stopped kernel plausibly is ----------------------------------------------------------

    /** The kernel's entry: the start of its text. */
    static long kernelPc(SimKernel k) {
        return k.machine().kernel().kernelVa();
    }

    /**
     * The top of the boot stack when the kernel maps it (the machine's {@code stack} allocation), else the top
     * of the boot heap, which is always mapped; 16 bytes below either, as an ABI-aligned frame.
     */
    static long kernelSp(SimKernel k) {
        KernelLayout l = k.machine().kernel();
        Pmap kp = k.kmap().pmap();
        for (MemRegion r : k.machine().bootAllocations()) {
            if (!r.name().equals("stack")) {
                continue;
            }
            long pa = r.end() - 16;
            long va;
            if (l.lowSegment()) {
                va = l.vaddrKernel() + pa;
            } else if (Long.compareUnsigned(pa - l.kernelPa(), l.kernelSize()) < 0) {
                va = l.kernelVa() + (pa - l.kernelPa());
            } else {
                continue;
            }
            if (kp.resolve(va) == (pa & ~(k.arch().pageSize() - 1))) {
                return va;
            }
        }
        return k.top() - 16;
    }

    /** The pmap the paging registers select: {@code active} when it is of the kernel's kind, else the kernel's. */
    static <P extends Pmap> P choose(SimKernel k, Pmap active, Class<P> kind) {
        if (kind.isInstance(active)) {
            return kind.cast(active);
        }
        return kind.cast(k.kmap().pmap());
    }

    static void requirePmap(SimKernel k, Class<? extends Pmap> kind) throws SimTargetException {
        Pmap p = k.kmap().pmap();
        if (!kind.isInstance(p)) {
            throw new SimTargetException(String.format("the %s kernel's pmap is a %s, not a %s: it writes no "
                    + "hardware page tables to serve (boot the kernel with real tables)", k.arch().id(),
                    p == null ? "null" : p.getClass().getSimpleName(), kind.getSimpleName()));
        }
    }

    static CpuState mmuState(Map<String, Long> values, List<PagingRoot> roots, Pmap active) {
        return new CpuState(values, roots, active, true);
    }

    /** The profile for {@code arch}. */
    static ArchProfile forArch(Arch arch) {
        return switch (arch) {
            case IA32 -> new Ia32Profile();
            case RISCV64 -> new Riscv64Profile();
            case AARCH64 -> new Aarch64Profile();
            case ARMV7A -> new Armv7aProfile();
            case SPARCV8LEON -> new SparcProfile();
            case ARMV7M, ARMV8M -> new CortexMProfile(arch);
        };
    }
}
