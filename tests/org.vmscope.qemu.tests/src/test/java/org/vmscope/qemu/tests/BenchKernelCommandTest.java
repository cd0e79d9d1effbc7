package org.vmscope.qemu.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vmscope.bridge.cli.CliResult;

/**
 * {@code vmscope bench-kernel} on the benchmark build of the Phoenix-like kernel (riscv64, 128 MiB, 50 processes):
 * the output's shape and that something was read; never its timings.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class BenchKernelCommandTest {

	private static final Pattern MIRROR = Pattern.compile(
			"(?m)^kernel mirror: +[0-9.]+ ms  \\((\\d+) bytes in (\\d+) ranges, (\\d+) reads, (\\d+) round trips, ");

	@Test
	void benchKernelMeasuresTheWholeKernel() throws Exception {
		PhoenixLikeBuild b = PhoenixLikeBuild.RISCV64_DWARF5;
		Path elf = b.benchImage();
		try (PhoenixLikeQemu q = PhoenixLikeQemu.start(b, elf, b.machineArgs(PhoenixLikeBuild.BENCH_RAM))) {
			q.hmp("stop");
			PshTranscript printed = PshTranscript.parse(q.serial());
			assertTrue(printed.outputs().containsKey("mem -m 50"), "the bench build runs 50 processes");
			String target = "127.0.0.1:" + q.gdbPort();
			CliResult r = CliResult.run("bench-kernel", "--target", target, "--kernel", elf.toString());
			assertEquals(0, r.status(), r.describe());
			String[] lines = r.out().split("\n");
			assertEquals(4, lines.length, r.describe());
			assertTrue(lines[0].matches("kernel ELF: +[0-9.]+ ms  open \\(ELF \\+ DWARF\\); DWARF name index alone [0-9.]+ ms "
					+ "\\(\\d+ type and variable names\\)"), lines[0]);
			long pages = printed.summary().totalKB() / 4;
			assertEquals("target " + target + ": kernel map and 50 process maps, " + entries(printed) + " map entries, "
					+ pages + " pages, 1 time", lines[1]);
			Matcher m = MIRROR.matcher(r.out());
			assertTrue(m.find(), r.describe());
			for (int g = 1; g <= 4; g++)
				assertTrue(Long.parseLong(m.group(g)) > 0, "group " + g + " of " + lines[2]);
			assertTrue(lines[3].matches("raw transfer: +[0-9.]+ ms  \\(the same ranges, pipelined m in physical mode\\)  "
					+ "mirror/raw = [0-9.]+"), lines[3]);

			CliResult json = CliResult.run("bench-kernel", "--target", target, "--kernel", elf.toString(), "--json",
					"--repeat", "12"); // 12 whole kernels exceed one default read budget
			assertEquals(0, json.status(), json.describe());
			assertTrue(json.out().contains("\"repeat\":12,\"processes\":50,"), json.describe());
			assertTrue(Pattern.compile("\"bytes\":[1-9]\\d*,").matcher(json.out()).find(), json.describe());
			assertTrue(Pattern.compile("\"roundTrips\":[1-9]\\d*,").matcher(json.out()).find(), json.describe());
			assertEquals(2, CliResult.run("bench-kernel", "--target", target, "--kernel", elf.toString(), "--repeat", "0")
					.status());
		}
	}

	/** Map entries the kernel itself printed: one row per entry in every {@code mem -m} table. */
	private static long entries(PshTranscript t) {
		return t.outputs().entrySet().stream().filter(e -> e.getKey().startsWith("mem -m "))
				.mapToLong(e -> e.getValue().size() - 1).sum();
	}
}
