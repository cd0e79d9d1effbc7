package org.vmscope.qemu.tests;

/** aarch64 with T0SZ=16: 4-level walk from level 0. */
class Aarch64Va48GuestTest extends Aarch64PagingChecks {

	@Override
	GuestKind kind() { return GuestKind.AARCH64_VA48; }

	@Override
	int vaBits() { return 48; }
}
