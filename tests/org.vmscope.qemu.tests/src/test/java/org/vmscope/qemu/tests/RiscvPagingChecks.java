package org.vmscope.qemu.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** RISC-V oracles: {@code info mem} (VA, PA, size, rwxugad) and satp from {@code info registers}. */
abstract class RiscvPagingChecks extends PagedGuestTestBase {

	/** satp.MODE: 8 for Sv39, 9 for Sv48. */
	abstract long satpMode();

	@Override
	long rootRegister() throws IOException {
		return MonitorOutput.satp(hmpChecked("info registers")).orElseThrow(() -> new AssertionError("no satp"));
	}

	@Test
	void satpSelectsTheExpectedMode() {
		assertEquals(satpMode(), report.root() >>> 60);
	}

	@Test
	void infoMemListsEveryPrintedRangeWithItsFrameAndRights() throws IOException {
		List<MonitorOutput.RiscvMemRange> ranges = MonitorOutput.riscvMem(hmpChecked("info mem"));
		assertTrue(!ranges.isEmpty(), "info mem is empty");
		List<String> wrong = new ArrayList<>();
		for (MapLine m : report.maps()) {
			for (long off : PagedGuestTestBase.sampleOffsets(m)) {
				long va = m.va() + off;
				MonitorOutput.RiscvMemRange r = ranges.stream().filter(x -> x.containsVa(va)).findFirst().orElse(null);
				if (r == null) {
					wrong.add(String.format("%s: 0x%x not in info mem", m, va));
				} else if (r.pa() + (va - r.va()) != m.pa() + off || r.read() != m.read() || r.write() != m.write()
						|| r.exec() != m.exec() || r.user() != m.user() || r.global() != m.global()) {
					wrong.add(String.format("%s: info mem says %s", m, r));
				}
			}
		}
		for (MonitorOutput.RiscvMemRange r : ranges) {
			if (!coveredRange(r.va(), r.size()))
				wrong.add("info mem range not covered by MAP lines: " + r);
		}
		assertTrue(wrong.isEmpty(), String.join("\n", wrong));
	}
}
