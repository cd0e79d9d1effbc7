package org.vmscope.qemu.tests;

import java.util.Set;

/** ia32, 2-level non-PAE paging with CR4.PSE. */
class Ia32GuestTest extends X86PagingChecks {

	@Override
	GuestKind kind() { return GuestKind.IA32; }

	@Override
	Set<Long> largePageSizes() { return Set.of(0x400000L); }

	@Override
	boolean hasNx() { return false; }
}
