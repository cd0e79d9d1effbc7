package org.vmscope.qemu.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vmscope.bridge.kernel.KernelImage;
import org.vmscope.bridge.kernel.LiveStateBuilder;
import org.vmscope.bridge.kernel.LiveStates;
import org.vmscope.bridge.mirror.Mirror;
import org.vmscope.bridge.mirror.MirrorOptions;
import org.vmscope.model.state.State;
import org.vmscope.model.state.diff.StateDiff;
import org.vmscope.model.state.snapshot.Snapshots;

/**
 * Snapshots of the live Phoenix-like kernel at two stops (before and after its second stage: pid 4 maps three
 * pages, pid 3 unmaps its contiguous buffer), saved and loaded as files; their diff must show what the kernel's
 * own psh printouts of the two stops say changed: the entries that appeared and vanished, and the page balance.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class LiveSnapshotDiffTest {

	private static final String STAGE2_BEGIN = "PHOENIX-LIKE stage2 begin";
	private static final String STAGE2_END = "PHOENIX-LIKE stage2 end";

	@ParameterizedTest
	@EnumSource(value = PhoenixLikeBuild.class, names = { "IA32_DWARF5", "RISCV64_DWARF5", "ARMV7A_DWARF5", "AARCH64_DWARF5" })
	void theDiffOfTwoStopsIsWhatTheKernelPrinted(PhoenixLikeBuild b, @TempDir Path dir) throws Exception {
		assumeTrue(PhoenixLikeQemu.onPath(GdbBatch.GDB), GdbBatch.GDB + " is not installed");
		try (PhoenixLikeQemu q = PhoenixLikeQemu.start(b)) {
			PshTranscript first = PshTranscript.parse(q.serial());
			q.hmp("stop");
			Path before = snapshot(q, dir.resolve("before.snap"));
			Map<String, String> g = new GdbBatch().raw("set var main_release = 1").unsigned("done", "1")
					.run(q.image(), q.gdbPort()); // detaching lets the kernel run its second stage
			assertEquals("1", g.get("done"), g.get("_output"));
			String stage2 = q.awaitSerial(STAGE2_END);
			q.hmp("stop");
			PshTranscript second = PshTranscript.parse(stage2.replace(STAGE2_BEGIN, PshTranscript.BEGIN + b.arch())
					.replace(STAGE2_END, PhoenixLikeQemu.END));
			Path after = snapshot(q, dir.resolve("after.snap"));

			StateDiff d = StateDiff.between(Snapshots.load(before), Snapshots.load(after));
			TreeSet<String> expected = new TreeSet<>();
			for (int pid : List.of(-1, 3, 4))
				expected.addAll(rowChanges(pid, first.output(command(pid)), second.output(command(pid))));
			TreeSet<String> found = new TreeSet<>();
			for (StateDiff.EntryChange e : d.entries())
				found.add((e.kind() == StateDiff.EntryChangeKind.ADDED ? "+ " : e.kind() == StateDiff.EntryChangeKind.REMOVED
						? "- " : "~ ") + e.pid() + " " + Long.toHexString(e.vaddr()));
			assertEquals(expected, found, d.toText());
			assertTrue(expected.contains("+ 4 50000000") && expected.stream().anyMatch(x -> x.startsWith("- 3 ")), expected.toString());

			long pageKB = 4;
			long netPages = (second.summary().allocKB() - first.summary().allocKB()) / pageKB;
			assertEquals(netPages, d.pagesAllocated() - d.pagesFreed(), d.toText());
			assertTrue(d.pagesFreed() >= 2, "the contiguous buffer's two pages: " + d.toText());
			assertTrue(d.objects().stream().anyMatch(o -> o.name().startsWith("contiguous") && o.refsAfter() < 0),
					"the contiguous object is gone: " + d.toText());
		}
	}

	private static String command(int pid) {
		return "mem -m " + (pid < 0 ? "kernel" : String.valueOf(pid));
	}

	/** Rows by start VA: new starts "+", vanished "-", same start with another row "~". */
	private static List<String> rowChanges(int pid, List<String> was, List<String> now) {
		Map<String, String> a = new java.util.HashMap<>();
		Map<String, String> b = new java.util.HashMap<>();
		was.stream().skip(1).forEach(r -> a.put(start(r), r));
		now.stream().skip(1).forEach(r -> b.put(start(r), r));
		List<String> out = new ArrayList<>();
		b.forEach((va, r) -> {
			if (!a.containsKey(va))
				out.add("+ " + pid + " " + va);
			else if (!a.get(va).equals(r))
				out.add("~ " + pid + " " + va);
		});
		a.keySet().stream().filter(va -> !b.containsKey(va)).forEach(va -> out.add("- " + pid + " " + va));
		return out;
	}

	/** The VA a {@code mem -m} row starts at, as the diff names it (lower-case hex, no leading zeros). */
	private static String start(String row) {
		return Long.toHexString(Long.parseUnsignedLong(row.substring(0, row.indexOf(':')), 16));
	}

	private static Path snapshot(PhoenixLikeQemu q, Path file) throws Exception {
		try (Mirror m = Mirror.connect("127.0.0.1", q.gdbPort(), MirrorOptions.defaults())) {
			LiveStates live = LiveStates.read(KernelImage.open(q.image()), m);
			assertEquals(List.of(), live.problems(), "decoding");
			List<org.vmscope.model.check.Problem> problems = new ArrayList<>(live.check());
			assertEquals(List.of(), problems, "the kernel is consistent at both stops");
			State s = LiveStateBuilder.of(live).name("live " + q.build()).target(m.paging().arch().id(), m.ram().banks())
					.problems(problems).build();
			Snapshots.save(s, file);
			return file;
		}
	}
}
