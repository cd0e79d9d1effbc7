package org.vmscope.qemu.tests;

/** The page-table mirror against the RISCV64_SV39 guest. */
class MirrorRiscvSv39Test extends MirrorGuestTestBase {

	@Override
	GuestKind kind() { return GuestKind.RISCV64_SV39; }
}
