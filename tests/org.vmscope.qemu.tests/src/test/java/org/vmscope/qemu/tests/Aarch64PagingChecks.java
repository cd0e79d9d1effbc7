package org.vmscope.qemu.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;

import org.junit.jupiter.api.Test;

/** AArch64 EL1&0 stage 1. QEMU has no info mem/tlb for ARM: gva2gpa and the gdbstub are the oracles. */
abstract class Aarch64PagingChecks extends PagedGuestTestBase {

	abstract int vaBits();

	@Override
	long rootRegister() throws IOException {
		return ArmRegisters.read(guest, "TTBR0_EL1");
	}

	@Test
	void tcrSelectsTheVaSizeAnd4KiBGranule() throws IOException {
		long tcr = ArmRegisters.read(guest, "TCR_EL1");
		assertEquals(64 - vaBits(), tcr & 0x3f, "T0SZ");
		assertEquals(0, tcr >>> 14 & 3, "TG0");
		assertEquals(1, ArmRegisters.read(guest, "SCTLR") & 1, "MMU off");
	}
}
