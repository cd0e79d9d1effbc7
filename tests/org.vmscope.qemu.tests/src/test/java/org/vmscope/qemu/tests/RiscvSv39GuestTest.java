package org.vmscope.qemu.tests;

/** riscv64 Sv39 from S-mode, started with -bios none. */
class RiscvSv39GuestTest extends RiscvPagingChecks {

	@Override
	GuestKind kind() { return GuestKind.RISCV64_SV39; }

	@Override
	long satpMode() { return 8; }
}
