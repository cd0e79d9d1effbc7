package org.vmscope.qemu.tests;

/** riscv64 Sv48 from S-mode, started with -bios none. */
class RiscvSv48GuestTest extends RiscvPagingChecks {

	@Override
	GuestKind kind() { return GuestKind.RISCV64_SV48; }

	@Override
	long satpMode() { return 9; }
}
