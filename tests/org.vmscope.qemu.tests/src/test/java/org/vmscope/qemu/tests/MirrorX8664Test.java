package org.vmscope.qemu.tests;

/** The page-table mirror against the X86_64 guest. */
class MirrorX8664Test extends MirrorGuestTestBase {

	@Override
	GuestKind kind() { return GuestKind.X86_64; }
}
