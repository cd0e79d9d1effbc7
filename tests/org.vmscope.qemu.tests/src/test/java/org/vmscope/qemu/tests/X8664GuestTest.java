package org.vmscope.qemu.tests;

import java.util.Set;

/** x86_64, 4-level long mode with EFER.NXE, 2 MiB and 1 GiB pages. */
class X8664GuestTest extends X86PagingChecks {

	@Override
	GuestKind kind() { return GuestKind.X86_64; }

	@Override
	Set<Long> largePageSizes() { return Set.of(0x200000L, 0x40000000L); }

	@Override
	boolean hasNx() { return true; }
}
