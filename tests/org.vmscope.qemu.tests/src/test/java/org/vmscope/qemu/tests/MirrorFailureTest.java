package org.vmscope.qemu.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vmscope.bridge.mirror.Mirror;
import org.vmscope.bridge.mirror.MirrorOptions;
import org.vmscope.bridge.mirror.MirrorWalk;
import org.vmscope.model.pmap.WalkProblem;

/** The mirror when things go wrong on a real QEMU: a root outside RAM, QEMU killed in the middle of a walk. */
@Timeout(120) // a hang fails instead of blocking the build
class MirrorFailureTest {

	/** 0xfed00000 is the HPET on the x86 PC: QEMU would answer a read there, with side effects. */
	@Test
	void rootOutsideRamIsAProblemAndNothingIsRead() throws Exception {
		try (QemuGuest guest = QemuGuest.start(GuestKind.X86_64)) {
			guest.hmp("stop");
			try (Mirror m = Mirror.connect("127.0.0.1", guest.gdbPort(), MirrorOptions.defaults().withRootPa(0xfed00000L))) {
				MirrorWalk w = m.walk();
				assertEquals(1, w.walkProblems().size(), w.problems().toString());
				assertEquals(WalkProblem.Kind.ROOT_OUTSIDE_RAM, w.walkProblems().get(0).kind());
				assertTrue(w.ranges().isEmpty());
				assertEquals(0, m.memory().stats().bytesRead(), "nothing reached the wire");
				assertEquals("--root", w.setup().roots().get(0).register());
				assertFalse(m.translate(0xffffc90000000000L).mapped());
			}
		}
	}

	@Test
	void qemuKilledMidWalkGivesAPartialResult() throws Exception {
		QemuGuest guest = QemuGuest.start(GuestKind.RISCV64_SV48);
		try {
			guest.hmp("stop");
			try (Mirror m = Mirror.connect("127.0.0.1", guest.gdbPort(), MirrorOptions.defaults())) {
				int[] reads = { 0 };
				m.memory().setListener((pa, len, total) -> {
					if (++reads[0] == 2)
						guest.close(); // SIGTERM, waits for the exit
				});
				MirrorWalk w = m.walk();
				assertTrue(w.partial());
				assertTrue(m.memory().lost());
				assertTrue(w.problems().stream().anyMatch(p -> p.contains("target lost")), w.problems().toString());
				assertTrue(w.ranges().size() < guest.report().maps().size(), w.ranges().toString());
				assertTrue(m.translate(0xffffffc080000000L).partial());
			}
		} finally {
			guest.close();
		}
	}

	@Test
	void pagingOffIsReportedNotWalked() throws Exception {
		// cortex-m has no MMU registers at all
		try (QemuGuest guest = QemuGuest.start(GuestKind.CORTEX_M)) {
			guest.hmp("stop");
			try (Mirror m = Mirror.connect("127.0.0.1", guest.gdbPort(), MirrorOptions.defaults())) {
				MirrorWalk w = m.walk();
				assertFalse(w.setup().walkable());
				assertTrue(w.setup().problem().contains("M-profile"), w.setup().problem());
				assertEquals(0, m.memory().stats().bytesRead());
			}
		}
	}
}
