package org.vmscope.qemu.tests;

/** The page-table mirror against the IA32 guest. */
class MirrorIa32Test extends MirrorGuestTestBase {

	@Override
	GuestKind kind() { return GuestKind.IA32; }
}
