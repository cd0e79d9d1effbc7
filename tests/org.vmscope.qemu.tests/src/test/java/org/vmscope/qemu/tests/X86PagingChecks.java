package org.vmscope.qemu.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** x86 oracles: {@code info tlb} (a full page-table dump in QEMU) and {@code info mem}. */
abstract class X86PagingChecks extends PagedGuestTestBase {

	private static final long LOWER_HALF_END = 0x0000800000000000L;

	/** Sizes a PS leaf may have on this paging mode. */
	abstract Set<Long> largePageSizes();

	/** Whether the mode has an NX bit (x86_64 with EFER.NXE); without it every page is executable. */
	abstract boolean hasNx();

	@Override
	long rootRegister() throws IOException {
		return MonitorOutput.cr3(hmpChecked("info registers")).orElseThrow(() -> new AssertionError("no CR3"));
	}

	@Test
	void infoTlbListsEveryPrintedPageWithItsFrameAndRights() throws IOException {
		List<MonitorOutput.TlbEntry> tlb = MonitorOutput.x86Tlb(hmpChecked("info tlb"));
		assertTrue(!tlb.isEmpty(), "info tlb is empty");
		List<String> wrong = new ArrayList<>();
		for (MonitorOutput.TlbEntry e : tlb) {
			MapLine m = report.maps().stream().filter(x -> x.containsVa(e.va())).findFirst().orElse(null);
			if (m == null) {
				wrong.add(String.format("info tlb has 0x%x -> 0x%x, no MAP line covers it", e.va(), e.pa()));
				continue;
			}
			if (e.pa() != m.pa() + (e.va() - m.va()))
				wrong.add(String.format("%s: info tlb maps 0x%x -> 0x%x", m, e.va(), e.pa()));
			if (e.writable() != m.write() || e.user() != m.user() || e.global() != m.global()
					|| (hasNx() && e.nx() == m.exec()))
				wrong.add(String.format("%s: info tlb flags %s for 0x%x", m, e.flags(), e.va()));
		}
		for (MapLine m : report.maps())
			checkTiling(m, tlb, wrong);
		assertTrue(wrong.isEmpty(), String.join("\n", wrong));
	}

	@Test
	void infoMemCoversEveryPrintedRangeWithItsRights() throws IOException {
		List<MonitorOutput.X86MemRange> ranges = MonitorOutput.x86Mem(hmpChecked("info mem"));
		List<String> wrong = new ArrayList<>();
		for (MapLine m : report.maps()) {
			boolean ok = ranges.stream().anyMatch(r -> r.covers(m.va(), m.size()) && r.user() == m.user() && r.writable() == m.write());
			if (!ok)
				wrong.add(m + " not in info mem with the same rights");
		}
		for (MonitorOutput.X86MemRange r : ranges) {
			long end = r.end();
			// QEMU skips the non-canonical hole, so a range ending in the lower half is printed
			// as ending at the next mapped upper-half address.
			if (Long.compareUnsigned(r.start(), LOWER_HALF_END) < 0 && Long.compareUnsigned(end, LOWER_HALF_END) > 0)
				end = LOWER_HALF_END;
			if (!coveredRange(r.start(), end - r.start()))
				wrong.add(String.format("info mem range 0x%x-0x%x is not covered by MAP lines", r.start(), r.end()));
		}
		assertTrue(wrong.isEmpty(), String.join("\n", wrong));
	}

	/** The leaves inside one MAP line must tile it: 4 KiB for plain entries, a large size for PS ones. */
	private void checkTiling(MapLine m, List<MonitorOutput.TlbEntry> tlb, List<String> wrong) {
		List<MonitorOutput.TlbEntry> inside = new ArrayList<>(tlb.stream().filter(e -> m.containsVa(e.va())).toList());
		inside.sort(Comparator.comparing(MonitorOutput.TlbEntry::va, Long::compareUnsigned));
		long cursor = m.va();
		for (int i = 0; i < inside.size(); i++) {
			MonitorOutput.TlbEntry e = inside.get(i);
			if (e.va() != cursor) {
				wrong.add(String.format("%s: info tlb gap or overlap at 0x%x", m, cursor));
				return;
			}
			long next = i + 1 < inside.size() ? inside.get(i + 1).va() : m.va() + m.size();
			long size = next - e.va();
			if (e.largePage() ? !largePageSizes().contains(size) || e.va() % size != 0 : size != 0x1000) {
				wrong.add(String.format("%s: leaf at 0x%x (flags %s) spans 0x%x", m, e.va(), e.flags(), size));
				return;
			}
			cursor = next;
		}
		if (cursor != m.va() + m.size())
			wrong.add(m + ": info tlb does not reach its end");
	}
}
