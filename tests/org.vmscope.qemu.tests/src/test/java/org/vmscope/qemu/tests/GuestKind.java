package org.vmscope.qemu.tests;

import java.util.List;

/** The guests of {@code tests/guests}: make target, expected header and QEMU invocation. */
public enum GuestKind {
	IA32("ia32", "ia32", "2level", "qemu-system-i386", List.of("-m", "128M")),
	X86_64("x86_64", "x86_64", "4level", "qemu-system-x86_64", List.of("-cpu", "max", "-m", "2G")),
	ARMV7A("armv7a", "armv7a", "short", "qemu-system-arm", List.of("-M", "virt", "-cpu", "cortex-a15", "-m", "256M")),
	AARCH64_VA48("aarch64-va48", "aarch64", "va48", "qemu-system-aarch64", List.of("-M", "virt", "-cpu", "cortex-a53", "-m", "2G")),
	AARCH64_VA39("aarch64-va39", "aarch64", "va39", "qemu-system-aarch64", List.of("-M", "virt", "-cpu", "cortex-a53", "-m", "2G")),
	RISCV64_SV39("riscv64-sv39", "riscv64", "sv39", "qemu-system-riscv64", List.of("-M", "virt", "-m", "2G", "-bios", "none")),
	RISCV64_SV48("riscv64-sv48", "riscv64", "sv48", "qemu-system-riscv64", List.of("-M", "virt", "-m", "2G", "-bios", "none")),
	CORTEX_M("cortex-m", "cortex-m", "mpu", "qemu-system-arm", List.of("-M", "mps2-an385")),
	SPARC_LEON3("sparc-leon3", "sparc", "srmmu", "qemu-system-sparc", List.of("-M", "leon3_generic", "-m", "64M"));

	private final String target;
	private final String arch;
	private final String mode;
	private final String qemu;
	private final List<String> machineArgs;

	GuestKind(String target, String arch, String mode, String qemu, List<String> machineArgs) {
		this.target = target;
		this.arch = arch;
		this.mode = mode;
		this.qemu = qemu;
		this.machineArgs = machineArgs;
	}

	/** The make target; the image is {@code <target>.elf}. */
	public String target() { return target; }

	/** The arch= value the guest prints. */
	public String arch() { return arch; }

	/** The mode= value the guest prints. */
	public String mode() { return mode; }

	/** The QEMU system emulator binary. */
	public String qemu() { return qemu; }

	/** Whether the guest stores words big-endian (SPARC), which decides how its frame markers read as bytes. */
	public boolean bigEndian() { return this == SPARC_LEON3; }

	/** Machine, CPU and memory options (everything but the image and the I/O plumbing). */
	public List<String> machineArgs() { return machineArgs; }
}
