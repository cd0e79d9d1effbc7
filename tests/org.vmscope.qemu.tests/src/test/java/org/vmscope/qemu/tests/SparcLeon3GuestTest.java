package org.vmscope.qemu.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.junit.jupiter.api.Test;

/**
 * SPARC LEON3 with the Reference MMU: context 1, 16 MiB, 256 KiB and 4 KiB pages. QEMU's gdbstub has
 * no MMU registers for SPARC; its {@code info tlb} names the context table and context, and
 * {@code gva2gpa} translates.
 */
class SparcLeon3GuestTest extends PagedGuestTestBase {

	@Override
	GuestKind kind() { return GuestKind.SPARC_LEON3; }

	/** The context-table entry of the current context, from QEMU's own MMU dump. */
	@Override
	long rootRegister() throws IOException {
		return MonitorOutput.srmmuContextEntry(hmpChecked("info tlb"))
				.orElseThrow(() -> new AssertionError("no Root ptr in info tlb"));
	}

	@Test
	void largePagesOfBothSizesAreMapped() {
		assertTrue(report.maps().stream().anyMatch(m -> m.size() == 0x1000000L && m.va() != m.pa()), "no 16 MiB page");
		assertTrue(report.maps().stream().anyMatch(m -> m.size() == 0x40000L && m.user()), "no user 256 KiB page");
	}
}
