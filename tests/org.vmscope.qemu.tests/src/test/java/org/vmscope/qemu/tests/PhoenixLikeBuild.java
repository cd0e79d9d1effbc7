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
	ARMV7A_DWARF5("armv7a", 5, "qemu-system-arm", List.of("-M", "virt", "-m", "32M"), 4, "addr");

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
	long vaddrKernel() { return arch.equals("riscv64") ? 0x3fc0000000L : 0xc0000000L; }

	/** VADDR_USR_MAX: VADDR_KERNEL, except on armv7a where TTBR0 ends at 2 GiB. */
	long vaddrUserMax() { return arch.equals("armv7a") ? 0x80000000L : vaddrKernel(); }

	/** Physical address of a kernel image VA (linear: ia32 at 0, riscv64 at 0x80000000, armv7a at 0x40000000). */
	long kernelPhys(long va) {
		return va - vaddrKernel() + switch (arch) {
			case "riscv64" -> 0x80000000L;
			case "armv7a" -> 0x40000000L;
			default -> 0;
		};
	}

	/**
	 * The pmap_t member holding the paging root (cr3 on ia32, satp on riscv64: the register's value; addr on
	 * armv7a: TTBR0 without its attribute bits).
	 */
	String rootField() { return rootField; }

	/** The pmap_t root member's value for a root register value (armv7a drops TTBR0's attribute bits 0..6). */
	long rootOfRegister(long register) { return arch.equals("armv7a") ? register & ~0x7fL : register; }

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
