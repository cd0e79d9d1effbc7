package org.vmscope.qemu.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

/**
 * Cortex-M3 (mps2-an385) with the ARMv7-M MPU. Oracles: the MPU registers as QEMU's NVIC
 * model returns them to {@code xp}, and {@code gva2gpa}, which applies QEMU's own MPU checks
 * (a privileged read: it fails only inside an enabled no-access subregion).
 */
class CortexMGuestTest extends GuestTestBase {

	private static final long MPU_TYPE = 0xe000ed90L;
	private static final long MPU_CTRL = 0xe000ed94L;
	private static final long MPU_RNR = 0xe000ed98L;
	private static final long MPU_RBAR = 0xe000ed9cL;
	private static final long MPU_RASR = 0xe000eda0L;

	@Override
	GuestKind kind() { return GuestKind.CORTEX_M; }

	@Test
	void printedRootIsTheEnabledMpuCtrl() throws IOException {
		long ctrl = word(MPU_CTRL);
		assertEquals(ctrl, report.root());
		assertEquals(1, ctrl & 1, "MPU not enabled");
	}

	@Test
	void mpuHasRoomForEveryPrintedRegion() throws IOException {
		assertFalse(report.regions().isEmpty());
		long dregion = word(MPU_TYPE) >>> 8 & 0xff;
		assertTrue(report.regions().size() <= dregion);
		for (int i = 0; i < report.regions().size(); i++)
			assertEquals(i, report.regions().get(i).number());
	}

	/** The guest leaves RNR on its last region; RBAR/RASR must encode what it printed. */
	@Test
	void lastRegionRegistersMatchItsLine() throws IOException {
		RegionLine last = report.regions().get(report.regions().size() - 1);
		assertEquals(last.number(), word(MPU_RNR));
		long rbar = word(MPU_RBAR);
		long rasr = word(MPU_RASR);
		assertEquals(last.base(), rbar & ~0x1fL, "RBAR.ADDR");
		assertEquals(1, rasr & 1, "RASR.ENABLE");
		assertEquals(last.size(), 1L << ((rasr >>> 1 & 0x1f) + 1), "RASR.SIZE");
		assertEquals(last.subregionDisable(), rasr >>> 8 & 0xff, "RASR.SRD");
		assertEquals(!last.exec(), (rasr >>> 28 & 1) == 1, "RASR.XN");
		assertEquals(expectedAp(last), rasr >>> 24 & 7, "RASR.AP");
	}

	@Test
	void accessibleRegionsTranslateToThemselves() throws IOException {
		for (RegionLine r : report.regions()) {
			if (r.noAccess() || r.subregionDisable() != 0)
				continue;
			assertEquals(OptionalLong.of(r.base()), gva2gpa(r.base()), "region " + r.number());
		}
	}

	/** Enabled subregions of a no-access region fault; disabled ones fall through to the background map. */
	@Test
	void subregionDisableBitsDecideWhereTheNoAccessRegionApplies() throws IOException {
		List<String> wrong = new ArrayList<>();
		boolean any = false;
		for (RegionLine r : report.regions()) {
			if (!r.noAccess())
				continue;
			any = true;
			for (int i = 0; i < 8; i++) {
				long addr = r.base() + i * r.subregionSize() + 0x10;
				boolean mapped = gva2gpa(addr).isPresent();
				if (mapped != r.subregionDisabled(i))
					wrong.add(String.format("region %d subregion %d (0x%x): QEMU %s", r.number(), i, addr,
							mapped ? "allows it" : "faults"));
			}
			if (gva2gpa(r.base() + r.size()).isEmpty())
				wrong.add(String.format("region %d: the byte after it faults", r.number()));
		}
		assertTrue(any, "no no-access region printed");
		assertTrue(wrong.isEmpty(), String.join("\n", wrong));
	}

	/** ARMv7-M AP encodings: 000 none, 001 priv RW, 011 all RW, 101 priv RO, 110 all RO. */
	private static long expectedAp(RegionLine r) {
		if (r.noAccess())
			return 0;
		if (r.user())
			return r.write() ? 3 : 6;
		return r.write() ? 1 : 5;
	}

	private OptionalLong gva2gpa(long va) throws IOException {
		return MonitorOutput.gva2gpa(hmpChecked(String.format("gva2gpa 0x%x", va)));
	}

	private long word(long pa) throws IOException {
		String out = hmpChecked(String.format("xp /1xw 0x%x", pa));
		return MonitorOutput.firstWord(out).orElseThrow(() -> new AssertionError("xp 0x" + Long.toHexString(pa) + ": " + out));
	}
}
