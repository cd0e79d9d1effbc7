package org.vmscope.qemu.tests;

/** The page-table mirror against the AARCH64_VA48 guest. */
class MirrorAarch64Va48Test extends MirrorGuestTestBase {

	@Override
	GuestKind kind() { return GuestKind.AARCH64_VA48; }
}
