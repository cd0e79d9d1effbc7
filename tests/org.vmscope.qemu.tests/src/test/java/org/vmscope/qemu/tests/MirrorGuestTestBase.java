package org.vmscope.qemu.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vmscope.bridge.mirror.Mirror;
import org.vmscope.bridge.mirror.MirrorException;
import org.vmscope.bridge.mirror.MirrorOptions;
import org.vmscope.bridge.mirror.MirrorWalk;
import org.vmscope.bridge.mirror.VaTranslation;
import org.vmscope.bridge.rsp.RspException;
import org.vmscope.model.phys.MemoryAccessException;
import org.vmscope.model.pmap.MappedRange;
import org.vmscope.model.pmap.PageAttr;
import org.vmscope.model.pmap.PageEntry;

/**
 * The page-table mirror against a guest that printed its own mappings: (a) the merged ranges equal
 * the guest's MAP list, (b) single-VA translations equal QEMU's {@code gva2gpa}, (c) virtual reads over
 * gdb equal physical reads through our translation. One mirror, one walk per class (one stop).
 */
abstract class MirrorGuestTestBase extends GuestTestBase {

	protected Mirror mirror;
	protected MirrorWalk walk;

	@BeforeAll
	void mirrorIt() throws MirrorException {
		mirror = Mirror.connect("127.0.0.1", guest.gdbPort(), mirrorOptions());
		walk = mirror.walk();
	}

	/** What the mirror is told besides what it reads from the target. */
	MirrorOptions mirrorOptions() {
		return MirrorOptions.defaults();
	}

	@AfterAll
	void closeMirror() {
		if (mirror != null)
			mirror.close();
	}

	/** A mapping reduced to what the guest prints: owner rights, user, global. */
	record Run(long va, long pa, long size, String rights, boolean user, boolean global) {
		boolean extends_(Run prev) {
			return prev.va + prev.size == va && prev.pa + prev.size == pa && prev.rights.equals(rights)
					&& prev.user == user && prev.global == global;
		}

		@Override
		public String toString() {
			return String.format("0x%x+0x%x -> 0x%x %s%s%s", va, size, pa, rights, user ? "u" : "-", global ? " g" : "");
		}
	}

	/** Sorts by VA and merges runs that continue each other in VA and PA with equal attributes. */
	static List<Run> merged(List<Run> in) {
		List<Run> sorted = new ArrayList<>(in);
		sorted.sort((a, b) -> Long.compareUnsigned(a.va(), b.va()));
		List<Run> out = new ArrayList<>();
		for (Run r : sorted) {
			if (!out.isEmpty() && r.extends_(out.get(out.size() - 1))) {
				Run p = out.remove(out.size() - 1);
				out.add(new Run(p.va, p.pa, p.size + r.size, p.rights, p.user, p.global));
			} else {
				out.add(r);
			}
		}
		return out;
	}

	private static String rights(boolean r, boolean w, boolean x) {
		return (r ? "r" : "-") + (w ? "w" : "-") + (x ? "x" : "-");
	}

	private static Run fromGuest(MapLine m) {
		return new Run(m.va(), m.pa(), m.size(), rights(m.read(), m.write(), m.exec()), m.user(), m.global());
	}

	/** The owner's rights as the guest prints them: the user's on a user page, else the union. */
	private static Run fromMirror(MappedRange r) {
		boolean user = (r.attr() & PageAttr.USER) != 0;
		int owner = user ? r.userRights() : r.attr() & PageEntry.RIGHTS;
		return new Run(r.va(), r.pa(), r.size(), rights((owner & PageAttr.READ) != 0, (owner & PageAttr.WRITE) != 0,
				(owner & PageAttr.EXEC) != 0), user, r.global());
	}

	@Test
	void walkIsCompleteAndFindsThePrintedRoot() {
		assertTrue(walk.problems().isEmpty(), walk.problems().toString());
		assertFalse(walk.partial());
		assertEquals(Long.toHexString(report.root()), Long.toHexString(walk.setup().roots().get(0).registerValue()));
		assertTrue(walk.cost().bytesRead() > 0);
	}

	@Test
	void mergedRangesEqualTheGuestsMapList() {
		List<Run> expected = merged(report.maps().stream().map(MirrorGuestTestBase::fromGuest).toList());
		List<Run> actual = merged(walk.ranges().stream().map(MirrorGuestTestBase::fromMirror).toList());
		assertEquals(expected.toString().replace("), ", ")\n"), actual.toString().replace("), ", ")\n"));
	}

	@Test
	void singleTranslationsEqualGva2gpa() throws Exception {
		List<String> wrong = new ArrayList<>();
		for (MapLine m : report.maps()) {
			for (long off : PagedGuestTestBase.sampleOffsets(m)) {
				long va = m.va() + off;
				VaTranslation t = mirror.translate(va);
				if (!t.mapped() || t.translation().pa() != m.pa() + off) {
					wrong.add(String.format("%s +0x%x: mirror %s", m, off, t.mapped() ? Long.toHexString(t.translation().pa()) : t.problems()));
					continue;
				}
				if (!m.read())
					continue; // QEMU's gva2gpa is a data load: it faults on execute-only pages
				OptionalLong gpa = MonitorOutput.gva2gpa(hmpChecked(String.format("gva2gpa 0x%x", va)));
				if (gpa.isEmpty() || gpa.getAsLong() != t.translation().pa())
					wrong.add(String.format("%s +0x%x: mirror 0x%x, QEMU %s", m, off, t.translation().pa(), gpa));
			}
			long after = m.va() + m.size();
			if (report.maps().stream().noneMatch(x -> x.containsVa(after)) && Long.compareUnsigned(after, m.va()) > 0) {
				VaTranslation t = mirror.translate(after);
				OptionalLong gpa = MonitorOutput.gva2gpa(hmpChecked(String.format("gva2gpa 0x%x", after)));
				if (t.mapped() || gpa.isPresent())
					wrong.add(String.format("0x%x after %s: mirror %s, QEMU %s", after, m, t.mapped(), gpa));
			}
		}
		assertTrue(wrong.isEmpty(), String.join("\n", wrong));
	}

	@Test
	void virtualReadsEqualPhysicalReadsThroughOurTranslation() throws Exception {
		List<String> wrong = new ArrayList<>();
		int compared = 0;
		for (MapLine m : report.maps()) {
			if (!m.read())
				continue;
			for (long off : PagedGuestTestBase.sampleOffsets(m)) {
				long va = (m.va() + off) & ~0xfL;
				if (!m.containsVa(va) || !m.containsVa(va + 15))
					continue;
				VaTranslation t = mirror.translate(va);
				long pa = t.translation().pa();
				if (!mirror.memory().isRam(pa, 16)) {
					// device memory (a UART): never read, not even physically
					assertThrows(MemoryAccessException.class, () -> mirror.memory().read(pa, 16));
					continue;
				}
				byte[] phys = mirror.memory().read(pa, 16);
				byte[] virt = virtualRead(va);
				compared++;
				if (!Arrays.equals(phys, virt))
					wrong.add(String.format("%s va 0x%x pa 0x%x: virtual %s, physical %s", m, va, pa,
							Arrays.toString(virt), Arrays.toString(phys)));
			}
			if (m.va() != m.pa() && mirror.memory().isRam(m.pa(), 8)) {
				// the guest's marker: "VMSC" and pa[31:0] at the frame's first byte
				byte[] mark = mirror.memory().read(m.pa(), 8);
				assertArrayEquals(marker(m.pa()), mark, m.toString());
			}
		}
		assertTrue(compared > report.maps().size(), "too few comparisons: " + compared);
		assertTrue(wrong.isEmpty(), String.join("\n", wrong));
	}

	/** The guest's two marker words, "VMSC" and pa[31:0], as bytes in the guest's byte order. */
	private byte[] marker(long pa) {
		java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8).order(kind().bigEndian()
				? java.nio.ByteOrder.BIG_ENDIAN : java.nio.ByteOrder.LITTLE_ENDIAN);
		return b.putInt(0x43534d56).putInt((int) pa).array();
	}

	private byte[] virtualRead(long va) throws RspException {
		return mirror.client().readMemory(va, 16);
	}
}
