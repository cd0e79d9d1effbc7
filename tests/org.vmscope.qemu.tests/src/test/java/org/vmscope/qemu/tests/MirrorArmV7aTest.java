package org.vmscope.qemu.tests;

/** The page-table mirror against the ARMV7A guest. */
class MirrorArmV7aTest extends MirrorGuestTestBase {

	@Override
	GuestKind kind() { return GuestKind.ARMV7A; }
}
