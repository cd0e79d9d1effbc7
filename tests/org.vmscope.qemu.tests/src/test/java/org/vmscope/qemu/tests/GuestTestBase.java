package org.vmscope.qemu.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Boots one guest for all tests of a class and pauses it, so every oracle sees the same
 * state. A guest that cannot be built or run here skips the whole class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class GuestTestBase {

	protected QemuGuest guest;
	protected GuestReport report;

	abstract GuestKind kind();

	@BeforeAll
	void boot() throws IOException {
		guest = QemuGuest.start(kind());
		report = guest.report();
		guest.hmp("stop");
	}

	@AfterAll
	void shutdown() {
		if (guest != null)
			guest.close();
	}

	@Test
	void bootsAndPrintsTheExpectedHeader() {
		assertEquals(kind().arch(), report.arch());
		assertEquals(kind().mode(), report.mode());
	}

	/** The monitor's answer must be a plain translation or "Unmapped", never an error. */
	protected String hmpChecked(String command) throws IOException {
		String out = guest.hmp(command);
		if (out.contains("unknown command") || out.contains("Try \"help\""))
			throw new AssertionError("monitor rejected '" + command + "': " + out);
		return out;
	}
}
