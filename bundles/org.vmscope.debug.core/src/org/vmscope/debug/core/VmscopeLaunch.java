package org.vmscope.debug.core;

/**
 * The vmscope launch configuration types and their attributes. String values may hold Eclipse string
 * variables ({@code ${workspace_loc:/p/a.vmsim}}); they are resolved at launch.
 */
public final class VmscopeLaunch {
    /** The debug model of every vmscope debug element. */
    public static final String MODEL = "org.vmscope.debug";

    public static final String SIMULATED_TYPE = "org.vmscope.debug.simulatedTarget";
    public static final String REMOTE_TYPE = "org.vmscope.debug.remoteTarget";

    // ---- simulated target
    /** {@code ia32}, {@code riscv64}, ... (a scenario's own {@code machine} line wins). */
    public static final String ARCH = "org.vmscope.debug.arch";
    /** RAM size as {@code 16M}, {@code 4G}... */
    public static final String RAM = "org.vmscope.debug.ram";
    /** A {@code .vmsim} file path, or {@code example:NAME}; empty boots a machine with no processes. */
    public static final String SCENARIO = "org.vmscope.debug.scenario";
    /** Port (0: none) on which the simulated target is also served to gdb, on loopback. */
    public static final String GDB_PORT = "org.vmscope.debug.gdbPort";

    // ---- GDB remote target
    public static final String HOST = "org.vmscope.debug.host";
    public static final String PORT = "org.vmscope.debug.port";
    /** The running kernel's ELF with DWARF; empty mirrors the page tables only. */
    public static final String KERNEL_ELF = "org.vmscope.debug.kernelElf";
    /** Whether the ELF is compared with the running kernel's bytes before it is decoded. */
    public static final String VERIFY_KERNEL = "org.vmscope.debug.verifyKernel";
    /** {@code auto} (from the target description) or an architecture id. */
    public static final String TARGET_ARCH = "org.vmscope.debug.targetArch";
    /** Page-table root physical address ({@code 0x...}); empty reads it from the paging registers. */
    public static final String ROOT = "org.vmscope.debug.root";
    /** RAM as {@code BASE:SIZE,...}; empty asks QEMU's {@code info mtree -f}. */
    public static final String RAM_LAYOUT = "org.vmscope.debug.ramLayout";
    /** {@link #MODE_DIRECT} or {@link #MODE_PROXY}. */
    public static final String MODE = "org.vmscope.debug.mode";
    public static final String MODE_DIRECT = "direct";
    public static final String MODE_PROXY = "proxy";
    /** Loopback port the proxy listens on for the user's own debugger. */
    public static final String PROXY_PORT = "org.vmscope.debug.proxyPort";

    // ---- QEMU started by the launch
    public static final String QEMU_START = "org.vmscope.debug.qemu.start";
    /** e.g. {@code qemu-system-i386}. */
    public static final String QEMU_BINARY = "org.vmscope.debug.qemu.binary";
    /** The image given to {@code -kernel}; empty gives none. */
    public static final String QEMU_IMAGE = "org.vmscope.debug.qemu.image";
    /** Further arguments, split as a shell would ({@code -M virt -display none -serial stdio}). */
    public static final String QEMU_ARGUMENTS = "org.vmscope.debug.qemu.arguments";

    public static final String DEFAULT_ARCH = "ia32";
    public static final String DEFAULT_RAM = "16M";
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 1234;
    public static final int DEFAULT_PROXY_PORT = 2331;

    private VmscopeLaunch() {
    }
}
