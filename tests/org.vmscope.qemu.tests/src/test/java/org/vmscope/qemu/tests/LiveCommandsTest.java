package org.vmscope.qemu.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.vmscope.bridge.cli.CliResult;

/**
 * {@code vmscope check}, {@code snapshot} and {@code diff} as a user runs them against the Phoenix-like kernel under
 * QEMU: exit statuses, the problem codes each fault variant must produce, and snapshot files that {@code diff}
 * reads (equal for one stop, different across the kernel's second stage).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class LiveCommandsTest {

	private static final Pattern PROBLEM_LINE = Pattern.compile("(?m)^(ERROR|WARNING|INFO) ([A-Z_]+) ");

	private final PhoenixLikeBoots boots = new PhoenixLikeBoots();

	@AfterAll
	void shutdown() {
		boots.close();
	}

	private static String target(PhoenixLikeQemu q) {
		return "127.0.0.1:" + q.gdbPort();
	}

	@ParameterizedTest
	@EnumSource(PhoenixLikeBuild.class)
	void checkIsCleanOnEveryBuild(PhoenixLikeBuild b) throws Exception {
		PhoenixLikeQemu q = boots.get(b);
		CliResult r = CliResult.run("check", "--target", target(q), "--kernel", q.image().toString());
		assertEquals(0, r.status(), r.describe());
		assertTrue(r.out().contains("check: 0 problems (0 errors, 0 warnings) over the kernel map and 4 process maps"),
				r.describe());
		assertEquals(0, PROBLEM_LINE.matcher(r.out()).results().count(), r.describe());
	}

	@Test
	void checkJsonHasNoProblemsOnTheCleanBuild() throws Exception {
		PhoenixLikeQemu q = boots.get(PhoenixLikeBuild.RISCV64_DWARF5);
		CliResult r = CliResult.run("check", "--target", target(q), "--kernel", q.image().toString(), "--json");
		assertEquals(0, r.status(), r.describe());
		String json = r.out().strip();
		assertTrue(json.startsWith("{") && json.endsWith("}"), json);
		assertTrue(json.contains("\"addressSpaces\":5"), json);
		assertTrue(json.contains("\"problems\":[]") && json.contains("\"decoding\":[]"), json);
	}

	@ParameterizedTest
	@CsvSource({ "leak-page, FRAME_UNOWNED", "anon-refs, ANON_REFS_MISMATCH" })
	void checkFailsWithTheFaultsProblemCode(String fault, String code) throws Exception {
		PhoenixLikeBuild b = PhoenixLikeBuild.IA32_DWARF5;
		Path elf = b.faultImage(fault);
		try (PhoenixLikeQemu q = PhoenixLikeQemu.start(b, elf)) {
			q.hmp("stop");
			CliResult r = CliResult.run("check", "--target", target(q), "--kernel", elf.toString());
			assertEquals(1, r.status(), r.describe());
			assertEquals(java.util.List.of(code), PROBLEM_LINE.matcher(r.out()).results().map(m -> m.group(2)).toList(),
					r.describe());
			assertTrue(r.out().contains("check: 1 problem "), r.describe());

			CliResult json = CliResult.run("check", "--target", target(q), "--kernel", elf.toString(), "--json");
			assertEquals(1, json.status(), json.describe());
			assertTrue(json.out().contains("\"" + code + "\""), json.describe());
		}
	}

	@Test
	void checkRefusesAnotherKernelsElf() throws Exception {
		PhoenixLikeQemu q = boots.get(PhoenixLikeBuild.RISCV64_DWARF5);
		CliResult r = CliResult.run("check", "--target", target(q), "--kernel", PhoenixLikeBuild.IA32_DWARF5.image().toString());
		assertEquals(1, r.status(), r.describe());
		assertTrue(r.err().startsWith("vmscope check: ") && r.err().contains("riscv64"), r.describe());
		assertEquals(2, CliResult.run("check", "--target", target(q)).status(), "--kernel is required");
	}

	@ParameterizedTest
	@EnumSource(value = PhoenixLikeBuild.class, names = { "IA32_DWARF5", "RISCV64_DWARF4" })
	void snapshotsOfOneStopAreEqualAndTheSecondStageDiffers(PhoenixLikeBuild b, @TempDir Path dir) throws Exception {
		assumeTrue(PhoenixLikeQemu.onPath(GdbBatch.GDB), GdbBatch.GDB + " is not installed");
		try (PhoenixLikeQemu q = PhoenixLikeQemu.start(b)) {
			q.hmp("stop");
			Path first = snapshot(q, dir.resolve("first.snap"));
			Path again = snapshot(q, dir.resolve("again.snap"));
			CliResult same = CliResult.run("diff", first.toString(), again.toString());
			assertEquals(0, same.status(), same.describe());

			Map<String, String> g = new GdbBatch().raw("set var main_release = 1").unsigned("done", "1")
					.run(q.image(), q.gdbPort()); // detaching lets the kernel run its second stage
			assertEquals("1", g.get("done"), g.get("_output"));
			q.awaitSerial("PHOENIX-LIKE stage2 end");
			q.hmp("stop");
			Path after = snapshot(q, dir.resolve("after.snap"));

			CliResult text = CliResult.run("diff", first.toString(), after.toString());
			assertEquals(1, text.status(), text.describe());
			CliResult json = CliResult.run("diff", "--json", first.toString(), after.toString());
			assertEquals(1, json.status(), json.describe());
			// pid 4 mapped three anonymous pages at 0x50000000 in the second stage
			assertTrue(Pattern.compile("\"change\":\"ADDED\",\"pid\":4,[^}]*\"vaddr\":\"0x50000000\",\"size\":\"0x3000\"")
					.matcher(json.out()).find(), json.describe());
			assertTrue(Pattern.compile("\"change\":\"REMOVED\",\"pid\":3,").matcher(json.out()).find(), json.describe());
		}
	}

	@Test
	void snapshotNeedsAnOutputFileAndReportsAnUnwritableOne(@TempDir Path dir) throws Exception {
		PhoenixLikeQemu q = boots.get(PhoenixLikeBuild.IA32_DWARF4);
		String elf = q.image().toString();
		assertEquals(2, CliResult.run("snapshot", "--target", target(q), "--kernel", elf).status(), "-o is required");
		CliResult r = CliResult.run("snapshot", "--target", target(q), "--kernel", elf, "-o",
				dir.resolve("no/such/dir/x.snap").toString());
		assertEquals(2, r.status(), r.describe());
		assertTrue(r.err().contains("cannot write snapshot"), r.describe());
		CliResult unreadable = CliResult.run("diff", elf, elf);
		assertEquals(2, unreadable.status(), "an ELF is not a snapshot: " + unreadable.describe());
	}

	private static Path snapshot(PhoenixLikeQemu q, Path file) {
		CliResult r = CliResult.run("snapshot", "--target", target(q), "--kernel", q.image().toString(), "-o", file.toString());
		assertEquals(0, r.status(), r.describe());
		assertTrue(r.out().contains("vmscope: snapshot " + file + " (5 address spaces, "), r.describe());
		assertTrue(Files.isRegularFile(file), file.toString());
		return file;
	}
}
