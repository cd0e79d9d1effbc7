package org.vmscope.qemu.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.junit.jupiter.api.Test;

/** ARMv7-A short descriptors, TTBCR.N=1. QEMU has no info mem/tlb for ARM: gva2gpa is the oracle. */
class ArmV7aGuestTest extends PagedGuestTestBase {

	@Override
	GuestKind kind() { return GuestKind.ARMV7A; }

	/** {@code TTBR0_EL1} is QEMU's name for the 32-bit TTBR0 view on AArch32. */
	@Override
	long rootRegister() throws IOException {
		return ArmRegisters.read(guest, "TTBR0_EL1");
	}

	@Test
	void ttbcrSplitsAtTwoGiBAndBothTablesAreSet() throws IOException {
		assertEquals(1, ArmRegisters.read(guest, "TTBCR"));
		assertNotEquals(0, ArmRegisters.read(guest, "TTBR1_EL1"));
		assertEquals(1, ArmRegisters.read(guest, "SCTLR") & 1, "MMU off");
	}

	@Test
	void mappingsOnBothSidesOfTheSplitExist() {
		assertTrue(report.maps().stream().anyMatch(m -> m.va() < 0x80000000L && m.va() != m.pa()), "no TTBR0 mapping");
		assertTrue(report.maps().stream().anyMatch(m -> m.va() >= 0x80000000L), "no TTBR1 mapping");
	}
}
