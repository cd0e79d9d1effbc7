package org.vmscope.qemu.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * Checks shared by the guests with an MMU: every printed mapping against QEMU's own
 * {@code gva2gpa}, the marker the guest left in each frame, and the root register.
 */
abstract class PagedGuestTestBase extends GuestTestBase {

	private static final long PAGE = 0x1000;
	private static final long MARK_MAGIC = 0x43534d56L; // "VMSC"

	/** The paging root as QEMU reports it (CR3, satp, TTBR0 ...). */
	abstract long rootRegister() throws IOException;

	@Test
	void printedRootEqualsTheRootRegister() throws IOException {
		assertEquals(Long.toHexString(rootRegister()), Long.toHexString(report.root()));
	}

	@Test
	void everyMappingTranslatesAsQemuSays() throws IOException {
		assertFalse(report.maps().isEmpty(), "no MAP lines");
		List<String> wrong = new ArrayList<>();
		for (MapLine m : report.maps()) {
			if (!m.read())
				continue; // QEMU's debug walk is a data load: it faults on execute-only pages
			for (long off : sampleOffsets(m)) {
				OptionalLong gpa = gva2gpa(m.va() + off);
				long expected = m.pa() + off;
				if (gpa.isEmpty() || gpa.getAsLong() != expected)
					wrong.add(String.format("%s +0x%x: expected 0x%x, QEMU %s", m, off, expected,
							gpa.isPresent() ? "0x" + Long.toHexString(gpa.getAsLong()) : "unmapped"));
			}
		}
		assertTrue(wrong.isEmpty(), String.join("\n", wrong));
	}

	@Test
	void mappingsEndWhereTheySay() throws IOException {
		List<String> wrong = new ArrayList<>();
		for (MapLine m : report.maps()) {
			long end = m.va() + m.size();
			if (!comparableAddress(m.va(), end) || covered(end))
				continue;
			if (gva2gpa(end).isPresent())
				wrong.add(String.format("%s: 0x%x right after it is mapped", m, end));
		}
		assertTrue(wrong.isEmpty(), String.join("\n", wrong));
	}

	@Test
	void atLeastOneFrameHasTwoVirtualAliases() {
		Map<Long, Set<Long>> vasByPa = new HashMap<>();
		for (MapLine m : report.maps())
			vasByPa.computeIfAbsent(m.pa(), k -> new LinkedHashSet<>()).add(m.va());
		assertTrue(vasByPa.values().stream().anyMatch(v -> v.size() >= 2), "no alias among " + report.maps());
	}

	@Test
	void nonIdentityFramesCarryTheGuestMarker() throws IOException {
		List<String> wrong = new ArrayList<>();
		for (MapLine m : report.maps()) {
			if (m.va() == m.pa() || !m.read())
				continue; // the guest's own image and its UART are not marked; see above for !read
			long[] phys = words(hmpChecked(String.format("xp /2xw 0x%x", m.pa())));
			long[] virt = words(hmpChecked(String.format("x /2xw 0x%x", m.va())));
			long[] expected = { MARK_MAGIC, m.pa() & 0xffffffffL };
			if (!java.util.Arrays.equals(expected, phys) || !java.util.Arrays.equals(expected, virt))
				wrong.add(String.format("%s: xp %s, x %s", m, java.util.Arrays.toString(phys),
						java.util.Arrays.toString(virt)));
		}
		assertTrue(wrong.isEmpty(), String.join("\n", wrong));
	}

	protected OptionalLong gva2gpa(long va) throws IOException {
		return MonitorOutput.gva2gpa(hmpChecked(String.format("gva2gpa 0x%x", va)));
	}

	/** True if some printed mapping covers {@code va}. */
	protected boolean covered(long va) {
		return report.maps().stream().anyMatch(m -> m.containsVa(va));
	}

	/** True if [start, start+size) is covered by the union of the printed mappings. */
	protected boolean coveredRange(long start, long size) {
		List<MapLine> sorted = new ArrayList<>(report.maps());
		sorted.sort(Comparator.comparing(MapLine::va, Long::compareUnsigned));
		long cursor = start;
		long end = start + size;
		for (int guard = 0; guard <= sorted.size() && Long.compareUnsigned(cursor, end) < 0; guard++) {
			final long at = cursor;
			MapLine m = sorted.stream().filter(x -> x.containsVa(at)).findFirst().orElse(null);
			if (m == null)
				return false;
			cursor = m.va() + m.size();
			if (cursor == 0)
				return true; // reached the top of the address space
		}
		return Long.compareUnsigned(cursor, end) >= 0;
	}

	/**
	 * The first and last byte, a byte in every page of small ranges, and a few pages spread
	 * through large ones.
	 */
	static List<Long> sampleOffsets(MapLine m) {
		Set<Long> offs = new LinkedHashSet<>();
		offs.add(0L);
		offs.add(m.size() - 1);
		long pages = m.size() / PAGE;
		if (pages <= 16) {
			for (long p = 0; p < pages; p++)
				offs.add(p * PAGE + 0x10 * (p + 1));
		} else {
			offs.add(PAGE + 0x10);
			offs.add(m.size() / 2 + 0x234);
			offs.add(m.size() - PAGE + 0x8);
			offs.add(m.size() / 3 & ~(PAGE - 1));
		}
		return new ArrayList<>(offs);
	}

	/** False when {@code end} wrapped or left the half of the address space {@code va} is in. */
	private static boolean comparableAddress(long va, long end) {
		return Long.compareUnsigned(end, va) > 0 && (va >>> 47 & 1) == (end >>> 47 & 1);
	}

	private static long[] words(String xpOutput) {
		String line = xpOutput.strip();
		int colon = line.indexOf(':');
		if (colon < 0)
			return new long[0];
		String[] parts = line.substring(colon + 1).trim().split("\\s+");
		long[] out = new long[parts.length];
		for (int i = 0; i < parts.length; i++) {
			if (!parts[i].startsWith("0x"))
				return new long[0];
			out[i] = Long.parseLong(parts[i].substring(2), 16);
		}
		return out;
	}
}
