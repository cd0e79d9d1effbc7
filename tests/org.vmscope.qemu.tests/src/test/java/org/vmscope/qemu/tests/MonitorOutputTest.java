package org.vmscope.qemu.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

/** Monitor parsers against output captured from QEMU 7.2. */
class MonitorOutputTest {

	@Test
	void gva2gpaForms() {
		assertEquals(OptionalLong.of(0x10a000L), MonitorOutput.gva2gpa("gpa: 0x10a000\n"));
		assertEquals(OptionalLong.of(0L), MonitorOutput.gva2gpa("gpa: 0\n"));
		assertEquals(OptionalLong.empty(), MonitorOutput.gva2gpa("Unmapped\n"));
	}

	@Test
	void x86InfoTlb() {
		List<MonitorOutput.TlbEntry> t = MonitorOutput.x86Tlb("""
				ffff888040000000: 0000000000000000 X-P-----W
				ffffc900dead1000: 000000000010b000 X--------
				c0ade000: 0000000000103000 -G-----UW
				""");
		assertEquals(3, t.size());
		assertTrue(t.get(0).nx() && t.get(0).largePage() && t.get(0).writable() && !t.get(0).user());
		assertEquals(0xffffc900dead1000L, t.get(1).va());
		assertFalse(t.get(1).writable());
		assertTrue(t.get(2).global() && t.get(2).user() && !t.get(2).nx());
	}

	@Test
	void x86InfoMem() {
		List<MonitorOutput.X86MemRange> m = MonitorOutput.x86Mem("""
				00000000-00400000 00400000 -rw
				ffffc900dead1000-ffffc900dead2000 0000000000001000 ur-
				""");
		assertEquals(new MonitorOutput.X86MemRange(0, 0x400000, false, true), m.get(0));
		assertTrue(m.get(1).user() && !m.get(1).writable());
		assertTrue(m.get(0).covers(0x100000, 0x3000));
		assertFalse(m.get(0).covers(0x3ff000, 0x2000));
	}

	@Test
	void riscvInfoMemAndRegisters() {
		List<MonitorOutput.RiscvMemRange> m = MonitorOutput.riscvMem("""
				vaddr            paddr            size             attr
				---------------- ---------------- ---------------- -------
				ffffffc080002000 0000000080802000 0000000000001000 --x-gad
				""");
		assertEquals(1, m.size());
		assertTrue(m.get(0).exec() && m.get(0).global() && !m.get(0).read());
		assertEquals(OptionalLong.of(0x9000000000080005L),
				MonitorOutput.satp(" sscratch 0000000000000000\n satp     9000000000080005\n x0/zero  0\n"));
		assertEquals(OptionalLong.of(0x104000L), MonitorOutput.cr3("CR0=80010011 CR2=00000000 CR3=00104000 CR4=00000090\n"));
	}

	@Test
	void xpFirstWord() {
		assertEquals(OptionalLong.of(5L), MonitorOutput.firstWord("00000000e000ed94: 0x00000005\n"));
	}

	/** QEMU 7.2 sparc {@code info tlb}, first lines, as the LEON3 guest leaves it. */
	@Test
	void sparcInfoTlbRoot() {
		assertEquals(OptionalLong.of(0x40004004L), MonitorOutput.srmmuContextEntry("""
				Root ptr: 0000000040004000, ctx: 1
				VA: 10000000, PA: 0000000040400000 PDE: 04000361
				"""));
		assertEquals(OptionalLong.empty(), MonitorOutput.srmmuContextEntry("MMU disabled\n"));
	}
}
