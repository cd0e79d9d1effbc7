package org.vmscope.qemu.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.vmscope.bridge.mirror.MirrorOptions;
import org.vmscope.bridge.mirror.TargetArch;

/**
 * The page-table mirror against the SPARC LEON3 guest. QEMU serves no SRMMU registers (LEON reaches them
 * with lda ASI 0x19 only), so the mirror gets {@code --arch sparc --root} with the context-table entry the
 * guest printed; QEMU's {@code info tlb} confirms that entry independently.
 */
class MirrorSparcLeon3Test extends MirrorGuestTestBase {

	@Override
	GuestKind kind() { return GuestKind.SPARC_LEON3; }

	@Override
	MirrorOptions mirrorOptions() {
		return MirrorOptions.defaults().withArch(TargetArch.SPARC).withRootPa(report.root());
	}

	@Test
	void theGivenRootIsTheContextEntryQemuWalks() throws IOException {
		long qemuRoot = MonitorOutput.srmmuContextEntry(hmpChecked("info tlb"))
				.orElseThrow(() -> new AssertionError("no Root ptr in info tlb"));
		assertEquals(Long.toHexString(qemuRoot), Long.toHexString(walk.setup().roots().get(0).root().tablePa()));
	}
}
