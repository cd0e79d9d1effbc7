package org.vmscope.qemu.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The serial format, without QEMU. Values are written out by hand. */
class SerialReportParserTest {

	@Test
	void parsesHeaderMapsAndReady() {
		String text = """
				SeaBIOS noise
				VMSCOPE-GUEST arch=x86_64 mode=4level root=0x108000
				MAP va=0xffff800000000000 pa=0x40000000 size=0x40000000 attrs=rw-- g
				MAP va=0x700000001000 pa=0x804000 size=0x1000 attrs=r-xu
				VMSCOPE-GUEST ready
				""";
		GuestReport r = SerialReportParser.parse(text).orElseThrow();
		assertEquals("x86_64", r.arch());
		assertEquals("4level", r.mode());
		assertEquals(0x108000L, r.root());
		assertEquals(List.of(
				new MapLine(0xffff800000000000L, 0x40000000L, 0x40000000L, true, true, false, false, true),
				new MapLine(0x700000001000L, 0x804000L, 0x1000L, true, false, true, true, false)), r.maps());
	}

	@Test
	void fullWidthRootAndRegions() {
		String text = "VMSCOPE-GUEST arch=riscv64 mode=sv48 root=0x9000000000080005\r\n"
				+ "VMSCOPE-GUEST ready\n";
		assertEquals(0x9000000000080005L, SerialReportParser.parse(text.replace("\r", "")).orElseThrow().root());

		GuestReport m = SerialReportParser.parse("""
				VMSCOPE-GUEST arch=cortex-m mode=mpu root=0x5
				REGION n=2 base=0x20100000 size=0x10000 attrs=rw-u srd=0x81
				VMSCOPE-GUEST ready
				""").orElseThrow();
		RegionLine r = m.regions().get(0);
		assertEquals(new RegionLine(2, 0x20100000L, 0x10000L, true, true, false, true, 0x81), r);
		assertTrue(r.subregionDisabled(0));
		assertFalse(r.subregionDisabled(1));
		assertTrue(r.subregionDisabled(7));
		assertEquals(0x2000L, r.subregionSize());
	}

	@Test
	void notReadyYetIsEmpty() {
		assertTrue(SerialReportParser.parse("VMSCOPE-GUEST arch=ia32 mode=2level root=0x1000\nMAP va=0x1").isEmpty());
	}

	@Test
	void malformedLinesAreErrors() {
		assertThrows(IllegalArgumentException.class, () -> SerialReportParser.parse(
				"VMSCOPE-GUEST arch=ia32 mode=2level root=0x1000\nMAP va=0x1000 pa=0x2000 size=0x1000 attrs=rwx\nVMSCOPE-GUEST ready\n"));
		assertThrows(IllegalArgumentException.class, () -> SerialReportParser.parse(
				"VMSCOPE-GUEST arch=mips mode=x root=0x1\nVMSCOPE-GUEST ready\n"));
		assertThrows(IllegalArgumentException.class, () -> SerialReportParser.parse("VMSCOPE-GUEST ready\n"));
		assertThrows(IllegalArgumentException.class, () -> SerialReportParser.parse(
				"VMSCOPE-GUEST arch=ia32 mode=2level root=0x10000000000000000\nVMSCOPE-GUEST ready\n"));
	}

	@Test
	void mapLineRangeIsUnsigned() {
		MapLine top = new MapLine(0xfffffffffffff000L, 0x1000L, 0x1000L, true, false, false, false, false);
		assertTrue(top.containsVa(0xffffffffffffffffL));
		assertFalse(top.containsVa(0x0L));
		assertFalse(top.containsVa(0xffffffffffffefffL));
		assertEquals("MAP va=0xfffffffffffff000 pa=0x1000 size=0x1000 attrs=r---", top.toString());
	}
}
