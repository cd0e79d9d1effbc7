package org.vmscope.bridge.sim;

import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.vmscope.bridge.rsp.ServedTarget;
import org.vmscope.bridge.rsp.ServedTargetException;
import org.vmscope.model.Arch;
import org.vmscope.model.kernel.SimKernel;
import org.vmscope.model.pmap.PagingRoot;
import org.vmscope.model.pmap.Pmap;

/**
 * A {@link SimKernel} as QEMU's gdbstub would show it: an architecture-specific target description, register
 * values coherent with the kernel (the paging root register holds the active pmap's root; pc and sp point into
 * the mapped kernel), virtual memory translated through the kernel's real page tables (an unmapped page fails
 * the read with E14), physical memory through {@code Qqemu.PhyMemMode} (holes read as zeros), writes refused,
 * and the monitor commands {@code info mem}, {@code info mtree -f} (the RAM banks, as the mirror learns them),
 * {@code gva2gpa}, {@code xp}, {@code x}, {@code info registers}, {@code help}.
 *
 * <p>Run control: without a {@link SimStepper}, {@code c} stops again at once; with one, {@code s} runs one
 * scenario step and {@code c} runs steps until the scenario is done (SIGTRAP) or the client interrupts
 * (SIGINT). A step that throws stops the target with SIGABRT and ends the scenario; see {@link #stepError()}.
 *
 * <p>The server calls this from one session thread; every method synchronizes on the target, so other code
 * changing the kernel while it is served should synchronize on it too.
 */
public final class SimulatedTarget implements ServedTarget {
    public static final int SIGINT = 2;
    public static final int SIGTRAP = 5;
    public static final int SIGABRT = 6;
    /** Longest a {@code c} runs scenario steps before the server gets to poll for ^C. */
    private static final long SLICE_NANOS = 20_000_000L;

    private final SimKernel kernel;
    private final ArchProfile profile;
    private final PhysView phys;
    private final SimStepper stepper;
    private final Supplier<Pmap> activePmap;
    private final List<Runnable> killListeners = new CopyOnWriteArrayList<>();
    private boolean running;
    private boolean exhausted;
    private String stepError;
    private int stepsRun;

    /** The kernel alone: its own pmap is active and {@code c}/{@code s} stop at once. */
    public SimulatedTarget(SimKernel kernel) throws SimTargetException {
        this(kernel, null, null);
    }

    /**
     * @param stepper    the scenario {@code c}/{@code s} advance, or null
     * @param activePmap the current process's pmap, asked at every request (a scenario may switch process);
     *                   null, or a supplier returning null or a pmap of another kind, selects the kernel's pmap
     * @throws SimTargetException if the kernel's pmap writes no hardware tables (a software pmap)
     */
    public SimulatedTarget(SimKernel kernel, SimStepper stepper, Supplier<Pmap> activePmap)
            throws SimTargetException {
        if (kernel == null) {
            throw new SimTargetException("no kernel to serve");
        }
        this.kernel = kernel;
        this.profile = ArchProfile.forArch(kernel.arch());
        this.profile.check(kernel);
        this.phys = new PhysView(kernel.phys());
        this.stepper = stepper;
        this.activePmap = activePmap;
    }

    public SimKernel kernel() {
        return kernel;
    }

    public Arch arch() {
        return kernel.arch();
    }

    /** The name for gdb's {@code set architecture} ({@code i386}, {@code riscv:rv64}, {@code aarch64}, ...). */
    public String gdbArchitecture() {
        return profile.gdbArchitecture();
    }

    /**
     * What a gdb user types before {@code target remote}: {@code set architecture ...}, and {@code set endian big}
     * for SPARC (gdb-multiarch otherwise keeps the host's byte order, as it does against QEMU).
     */
    public List<String> gdbSetupCommands() {
        if (profile.byteOrder() == ByteOrder.BIG_ENDIAN) {
            return List.of("set architecture " + gdbArchitecture(), "set endian big");
        }
        return List.of("set architecture " + gdbArchitecture());
    }

    /**
     * The register holding the active address space's root ({@code cr3}, {@code satp}, {@code TTBR0_EL1} on ARM
     * where TTBR1 holds the kernel's, {@code ctxr} on SPARC); empty without MMU.
     */
    public Optional<String> rootRegister() {
        return Optional.ofNullable(profile.rootRegister());
    }

    /** A register's current value by its name in the description. */
    public synchronized OptionalLong register(String name) {
        if (profile.tdesc().register(name).isEmpty()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(cpu().value(name));
    }

    /** The pmap whose tables the paging registers select now. */
    public synchronized Pmap activePmap() {
        return cpu().active();
    }

    /** The page-table roots the simulated MMU walks now, in lookup order (empty without MMU). */
    public synchronized List<PagingRoot> pagingRoots() {
        return cpu().roots();
    }

    /** Why the scenario stopped with SIGABRT, if a step threw. */
    public synchronized Optional<String> stepError() {
        return Optional.ofNullable(stepError);
    }

    /** Scenario steps run through this target so far. */
    public synchronized int stepsRun() {
        return stepsRun;
    }

    /** Runs {@code r} when a client sends {@code k} (QEMU quits then; the server owner may stop serving). */
    public void onKill(Runnable r) {
        killListeners.add(r);
    }

    // ---- ServedTarget: description and registers ----------------------------------------------------

    @Override
    public Optional<String> featureDocument(String annex) {
        return Optional.ofNullable(profile.tdesc().documents().get(annex));
    }

    @Override
    public int generalRegisterCount() {
        return profile.generalRegisterCount();
    }

    @Override
    public synchronized Optional<byte[]> readRegister(int regnum) throws ServedTargetException {
        SimRegister r = profile.tdesc().register(regnum).orElseThrow(() ->
                new ServedTargetException(ServedTargetException.BAD_ADDRESS, "no register " + regnum));
        return Optional.of(encode(cpu().value(r.name()), r.byteSize(), profile.byteOrder()));
    }

    private static byte[] encode(long value, int size, ByteOrder order) {
        byte[] b = new byte[size];
        for (int i = 0; i < size && i < 8; i++) {
            int at = order == ByteOrder.BIG_ENDIAN ? size - 1 - i : i;
            b[at] = (byte) (value >>> (8 * i));
        }
        return b;
    }

    // ---- memory -------------------------------------------------------------------------------------

    @Override
    public synchronized byte[] readVirtual(long address, int length) throws ServedTargetException {
        return translator(cpu()).read(address, length);
    }

    @Override
    public boolean supportsPhysical() {
        return true;
    }

    @Override
    public synchronized byte[] readPhysical(long address, int length) {
        return phys.readLenient(address, length);
    }

    // writes: the ServedTarget default refuses them (E01)

    @Override
    public synchronized Optional<String> monitor(String command) {
        CpuState c = cpu();
        return Optional.of(new MonitorShell(profile, c, translator(c), phys).run(command));
    }

    // ---- run control --------------------------------------------------------------------------------

    @Override
    public synchronized OptionalInt resume() {
        if (!scenarioLeft()) {
            return OptionalInt.of(SIGTRAP);
        }
        running = true;
        return slice();
    }

    @Override
    public synchronized OptionalInt pollStop() {
        return running ? slice() : OptionalInt.empty();
    }

    @Override
    public synchronized int halt() {
        running = false;
        return SIGINT;
    }

    @Override
    public synchronized int step() {
        if (scenarioLeft() && !runOneStep()) {
            return SIGABRT;
        }
        return SIGTRAP;
    }

    @Override
    public void kill() {
        synchronized (this) {
            running = false;
        }
        for (Runnable r : killListeners) {
            r.run();
        }
    }

    /** Runs steps for one time slice: a stop signal when the scenario ended, empty while it goes on. */
    private OptionalInt slice() {
        long start = System.nanoTime();
        do {
            if (!runOneStep()) {
                running = false;
                return OptionalInt.of(SIGABRT);
            }
            if (!scenarioLeft()) {
                running = false;
                return OptionalInt.of(SIGTRAP);
            }
        } while (System.nanoTime() - start < SLICE_NANOS);
        return OptionalInt.empty();
    }

    private boolean scenarioLeft() {
        if (stepper == null || exhausted || stepError != null) {
            return false;
        }
        try {
            return !stepper.done();
        } catch (RuntimeException e) {
            stepError = e.toString();
            return false;
        }
    }

    /** One step; false (and the scenario over) when it threw. A stepper with nothing left counts as done. */
    private boolean runOneStep() {
        try {
            if (stepper.step()) {
                stepsRun++;
            } else {
                exhausted = true;
            }
            return true;
        } catch (RuntimeException e) {
            stepError = e.toString();
            return false;
        }
    }

    // ---- plumbing -----------------------------------------------------------------------------------

    private CpuState cpu() {
        Pmap active = null;
        if (activePmap != null) {
            try {
                active = activePmap.get();
            } catch (RuntimeException e) {
                active = null; // a scenario between processes: the kernel's own tables are active
            }
        }
        return profile.state(kernel, active);
    }

    private AddressTranslator translator(CpuState c) {
        return new AddressTranslator(phys, c.roots(), !c.mmuOn());
    }
}
