package org.vmscope.bridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.vmscope.qemu.tests.GuestKind;
import org.vmscope.qemu.tests.MapLine;
import org.vmscope.qemu.tests.MonitorOutput;
import org.vmscope.qemu.tests.QemuGuest;

/** {@code vmscope pt}, {@code xlate} and {@code bench-mirror} through {@link Main#run} against the Sv39 guest. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class MirrorCommandsQemuTest {

	private QemuGuest guest;
	private String target;

	@BeforeAll
	void boot() throws IOException {
		guest = QemuGuest.start(GuestKind.RISCV64_SV39);
		guest.hmp("stop");
		target = "127.0.0.1:" + guest.gdbPort();
	}

	@AfterAll
	void shutdown() {
		if (guest != null)
			guest.close();
	}

	private static CliResult run(String... args) {
		return CliResult.run(args);
	}

	@Test
	void ptListsEveryPrintedMapping() {
		CliResult r = run("pt", "--target", target);
		assertEquals(0, r.status(), r.err());
		for (MapLine m : guest.report().maps()) {
			String line = String.format("0x%016x - 0x%016x -> 0x%016x", m.va(), m.va() + m.size() - 1, m.pa());
			assertTrue(r.out().contains(line), line + " missing in\n" + r.out());
		}
		assertTrue(r.out().contains("root satp=0x" + Long.toHexString(guest.report().root())), r.out());
	}

	@Test
	void ptJsonHasOneObjectPerRange() {
		CliResult r = run("pt", "--target", target, "--json");
		assertEquals(0, r.status(), r.err());
		String json = r.out().strip();
		assertTrue(json.startsWith("{") && json.endsWith("}"), json);
		assertTrue(json.contains("\"arch\":\"riscv64\""), json);
		assertTrue(json.contains("\"partial\":false"), json);
		int ranges = count(json, "\"vaLast\":");
		assertEquals(guest.report().maps().size(), ranges, json);
		for (MapLine m : guest.report().maps())
			assertTrue(json.contains("\"va\":\"0x" + Long.toHexString(m.va()) + "\""), m.toString());
	}

	@Test
	void xlatePrintsEveryLevelAndTheSamePaAsQemu() throws IOException {
		long va = 0xffffffc080001234L;
		CliResult r = run("xlate", "--target", target, "0x" + Long.toHexString(va));
		assertEquals(0, r.status(), r.err());
		long gpa = MonitorOutput.gva2gpa(guest.hmp(String.format("gva2gpa 0x%x", va))).orElseThrow();
		assertTrue(r.out().contains(String.format("= pa 0x%x", gpa)), r.out());
		assertEquals(3, count(r.out(), "\n  L"), "three Sv39 levels:\n" + r.out());
		Matcher top = Pattern.compile("L0 \\[(\\d+)\\]").matcher(r.out());
		assertTrue(top.find());
		assertEquals((va >>> 30) & 511, Long.parseLong(top.group(1)));

		CliResult unmapped = run("xlate", "--target", target, "0xffffffc0deadb000");
		assertEquals(1, unmapped.status());
		assertTrue(unmapped.out().contains("not mapped"), unmapped.out());
	}

	@Test
	void xlatePhysListsTheAlias() {
		// 0x80800000 is mapped at 0xffffffc080000000 and, read-only, at 0xffffffc080010000
		CliResult r = run("xlate", "--target", target, "--phys", "0x80800010");
		assertEquals(0, r.status(), r.err());
		assertTrue(r.out().contains("0xffffffc080000010"), r.out());
		assertTrue(r.out().contains("0xffffffc080010010"), r.out());
		assertTrue(r.out().contains("mapped at 2 VAs"), r.out());
	}

	@Test
	void rootOutsideRamIsAClearProblem() {
		CliResult r = run("pt", "--target", target, "--root", "0x1000");
		assertEquals(1, r.status());
		assertTrue(r.err().contains("ROOT_OUTSIDE_RAM"), r.err());
	}

	@Test
	void xpChannelAndGivenRamWork() {
		CliResult r = run("pt", "--target", target, "--via", "xp", "--ram", "0x80000000:2G");
		assertEquals(0, r.status(), r.err());
		assertTrue(r.out().contains("via xp"), r.out());
		assertTrue(r.out().contains("RAM 0x80000000:0x80000000"), r.out());
	}

	@Test
	void badArgumentsAreUsageErrors() {
		assertEquals(2, run("pt").status());
		assertEquals(2, run("pt", "--target", "nohostport").status());
		assertEquals(2, run("xlate", "--target", target).status());
		assertEquals(2, run("pt", "--target", target, "--ram", "0x1000").status());
		assertEquals(2, run("pt", "--target", target, "--arch", "vax").status());
		assertEquals(1, run("pt", "--target", "127.0.0.1:1").status(), "nothing listens there");
	}

	@Test
	void benchMirrorPrintsTheThreeMeasurements() {
		boolean gdb = onPath("gdb-multiarch");
		CliResult r = gdb ? run("bench-mirror", "--target", target) : run("bench-mirror", "--target", target, "--no-gdb");
		assertEquals(0, r.status(), r.err());
		assertTrue(r.out().contains("mirror walk:"), r.out());
		assertTrue(r.out().contains("raw transfer:"), r.out());
		assertTrue(r.out().contains(gdb ? "gdb dump:" : "gdb:           skipped"), r.out());
		// the target is still halted and usable afterwards
		assertEquals(0, run("pt", "--target", target).status());
	}

	private static int count(String s, String what) {
		int n = 0;
		for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1))
			n++;
		return n;
	}

	private static boolean onPath(String binary) {
		String path = System.getenv("PATH");
		List<String> dirs = path == null ? List.of() : new ArrayList<>(List.of(path.split(File.pathSeparator)));
		return dirs.stream().anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, binary)));
	}
}
