package org.vmscope.qemu.tests;

/** aarch64 with T0SZ=25: 3-level walk from level 1. */
class Aarch64Va39GuestTest extends Aarch64PagingChecks {

	@Override
	GuestKind kind() { return GuestKind.AARCH64_VA39; }

	@Override
	int vaBits() { return 39; }
}
