package org.vmscope.qemu.tests;

/** The page-table mirror against the AARCH64_VA39 guest. */
class MirrorAarch64Va39Test extends MirrorGuestTestBase {

	@Override
	GuestKind kind() { return GuestKind.AARCH64_VA39; }
}
