package org.vmscope.qemu.tests;

import java.nio.file.Path;
import java.util.List;

/**
 * The builds of {@code tests/phoenix-like}: one arch, one DWARF version each. {@link #image}
 * runs {@code make} once per JVM (into {@code target/phoenix-like}); a build whose compiler or
 * emulator is missing skips the calling test.
 */
enum PhoenixLikeBuild {
	IA32_DWARF4("ia32", 4, "qemu-system-i386", List.of("-m", "32M"), 4, "cr3"),
	IA32_DWARF5("ia32", 5, "qemu-system-i386", List.of("-m", "32M"), 4, "cr3"),
	RISCV64_DWARF4("riscv64", 4, "qemu-system-riscv64", List.of("-M", "virt", "-m", "32M", "-bios", "none"), 8, "satp"),
	RISCV64_DWARF5("riscv64", 5, "qemu-system-riscv64", List.of("-M", "virt", "-m", "32M", "-bios", "none"), 8, "satp"),
	ARMV7A_DWARF4("armv7a", 4, "qemu-system-arm", List.of("-M", "virt", "-m", "32M"), 4, "addr"),
	ARMV7A_DWARF5("armv7a", 5, "qemu-system-arm", List.of("-M", "virt", "-m", "32M"), 4, "addr"),
	AARCH64_DWARF4("aarch64", 4, "qemu-system-aarch64", List.of("-M", "virt", "-cpu", "cortex-a53", "-m", "32M"), 8, "addr"),
	AARCH64_DWARF5("aarch64", 5, "qemu-system-aarch64", List.of("-M", "virt", "-cpu", "cortex-a53", "-m", "32M"), 8, "addr");

	private static final MakeOnce MAKE = new MakeOnce(sourceDir(), outputDir());

	private final String arch;
	private final int dwarf;
	private final String qemu;
	private final List<String> machineArgs;
	private final int pointerBytes;
	private final String rootField;

	PhoenixLikeBuild(String arch, int dwarf, String qemu, List<String> machineArgs, int pointerBytes, String rootField) {
		this.arch = arch;
		this.dwarf = dwarf;
		this.qemu = qemu;
		this.machineArgs = machineArgs;
		this.pointerBytes = pointerBytes;
		this.rootField = rootField;
	}

	/** The arch= value of the begin line and the make target. */
	String arch() { return arch; }

	/** The -gdwarf-N version. */
	int dwarf() { return dwarf; }

	String qemu() { return qemu; }

	List<String> machineArgs() { return machineArgs; }

	int pointerBytes() { return pointerBytes; }

	/** VADDR_KERNEL. */
	long vaddrKernel() {
		return switch (arch) {
			case "riscv64" -> 0x3fc0000000L;
			case "aarch64" -> 0xffffffffc0000000L;
			default -> 0xc0000000L;
		};
	}

	/** VADDR_USR_MAX: VADDR_KERNEL, except where TTBR0 ends below it (armv7a 2 GiB, aarch64 512 GiB). */
	long vaddrUserMax() {
		return switch (arch) {
			case "armv7a" -> 0x80000000L;
			case "aarch64" -> 0x8000000000L;
			default -> vaddrKernel();
		};
	}

	/** Physical address of a kernel image VA (linear: ia32 at 0, riscv64 at 0x80000000, ARM at 0x40000000). */
	long kernelPhys(long va) {
		return va - vaddrKernel() + switch (arch) {
			case "riscv64" -> 0x80000000L;
			case "armv7a", "aarch64" -> 0x40000000L;
			default -> 0;
		};
	}

	/**
	 * The pmap_t member holding the paging root (cr3 on ia32, satp on riscv64: the register's value; addr on
	 * ARM: TTBR0 without its attribute bits or ASID).
	 */
	String rootField() { return rootField; }

	/** The pmap_t root member's value for a root register value (armv7a TTBR0 attributes 0..6, aarch64 ASID and CnP). */
	long rootOfRegister(long register) {
		return switch (arch) {
			case "armv7a" -> register & ~0x7fL;
			case "aarch64" -> register & 0x0000fffffffffffeL;
			default -> register;
		};
	}

	/** Whether the root register is TTBR0 (not shown by QEMU's info registers on ARM). */
	boolean arm() { return arch.equals("armv7a") || arch.equals("aarch64"); }

	static Path sourceDir() {
		return GuestBuild.sourceDir().resolveSibling("phoenix-like").normalize();
	}

	static Path outputDir() {
		return GuestBuild.outputDir().resolveSibling("phoenix-like");
	}

	/**
	 * A variant of this build that breaks one invariant on purpose ({@code make faults}: leak-page,
	 * anon-refs); only IA32_DWARF5 has them.
	 */
	Path faultImage(String fault) {
		String name = "phoenix-like-" + arch + "-dwarf" + dwarf + "-fault-" + fault + ".elf";
		return MAKE.artifact(name, name);
	}

	/**
	 * The benchmark build ({@code make bench}: riscv64 DWARF 5 with 50 processes), booted with {@link #BENCH_RAM};
	 * only RISCV64_DWARF5 has it.
	 */
	Path benchImage() {
		String name = "phoenix-like-" + arch + "-dwarf" + dwarf + "-bench.elf";
		return MAKE.artifact(name, name);
	}

	/** The RAM the benchmark build is booted with. */
	static final String BENCH_RAM = "128M";

	/** {@link #machineArgs} with another {@code -m} RAM size. */
	List<String> machineArgs(String ram) {
		List<String> args = new java.util.ArrayList<>(machineArgs);
		args.set(args.indexOf("-m") + 1, ram);
		return List.copyOf(args);
	}

	/** The ELF image, built on first use; skips the calling test when it cannot be built here. */
	Path image() {
		String name = "phoenix-like-" + arch + "-dwarf" + dwarf + ".elf";
		return MAKE.artifact(name, name);
	}
}
