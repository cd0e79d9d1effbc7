package org.vmscope.qemu.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.vmscope.bridge.kernel.KernelImage;
import org.vmscope.bridge.kernel.LiveStates;
import org.vmscope.bridge.mirror.Mirror;
import org.vmscope.bridge.mirror.MirrorOptions;
import org.vmscope.model.check.KernelState;
import org.vmscope.model.check.Problem;
import org.vmscope.model.check.ProblemCode;

/**
 * vm-model's checks over the live Phoenix-like kernel, decoded over GDB: every build is clean, and each fault
 * variant (built with one invariant broken on purpose) yields exactly the problem that fault causes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class LiveCheckTest {

	private final PhoenixLikeBoots boots = new PhoenixLikeBoots();

	@AfterAll
	void shutdown() {
		boots.close();
	}

	@ParameterizedTest
	@EnumSource(PhoenixLikeBuild.class)
	void theKernelIsClean(PhoenixLikeBuild b) throws Exception {
		PhoenixLikeQemu q = boots.get(b);
		try (Mirror m = Mirror.connect("127.0.0.1", q.gdbPort(), MirrorOptions.defaults())) {
			LiveStates live = LiveStates.read(KernelImage.open(q.image()), m);
			assertEquals(List.of(), live.problems(), "decoding");
			assertEquals(List.of(), live.check(), "checks");
			KernelState s = live.state();
			// what the checks looked at: the kernel map and the four processes, with their page tables
			assertEquals(List.of("kernel map", "map of pid 1", "map of pid 2", "map of pid 3", "map of pid 4"),
					s.maps().stream().map(x -> x.name()).toList());
			assertTrue(s.maps().stream().allMatch(x -> x.translations() != null && !x.translations().ranges().isEmpty()));
			// pid 1 and its fork share one amap (refs 2) whose anons have refs 2 (the read-only pair)
			assertTrue(s.amaps().values().stream().anyMatch(a -> a.refs() == 2), "the COW-shared amap");
			assertTrue(s.anons().values().stream().anyMatch(a -> a.refs() == 2), "the COW-shared anons");
			// objects: kernel 0.0, files 2.200/2.300/2.400, the contiguous one
			assertEquals(5, s.objects().size(), s.objects().values().stream().map(o -> o.label()).toList().toString());
			assertTrue(s.kmalloc() != null && s.kmalloc().zones().size() > 1);
		}
	}

	@ParameterizedTest
	@CsvSource({ "leak-page, FRAME_UNOWNED", "anon-refs, ANON_REFS_MISMATCH" })
	void aFaultVariantGivesExactlyItsProblem(String fault, ProblemCode expected) throws Exception {
		PhoenixLikeBuild b = PhoenixLikeBuild.IA32_DWARF5;
		java.nio.file.Path elf = b.faultImage(fault);
		try (PhoenixLikeQemu q = PhoenixLikeQemu.start(b, elf)) {
			q.hmp("stop");
			try (Mirror m = Mirror.connect("127.0.0.1", q.gdbPort(), MirrorOptions.defaults())) {
				LiveStates live = LiveStates.read(KernelImage.open(elf), m);
				assertEquals(List.of(), live.problems(), "decoding");
				List<Problem> found = live.check();
				assertEquals(List.of(expected), found.stream().map(Problem::code).toList(), found.toString());
			}
		}
	}
}
