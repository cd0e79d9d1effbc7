package org.vmscope.qemu.tests;

/** The page-table mirror against the RISCV64_SV48 guest. */
class MirrorRiscvSv48Test extends MirrorGuestTestBase {

	@Override
	GuestKind kind() { return GuestKind.RISCV64_SV48; }
}
