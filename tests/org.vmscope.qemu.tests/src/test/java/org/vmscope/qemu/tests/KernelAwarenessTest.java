package org.vmscope.qemu.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vmscope.bridge.elf.ElfFile;
import org.vmscope.bridge.elf.ElfSection;
import org.vmscope.bridge.kernel.EntryPoolInfo;
import org.vmscope.bridge.kernel.KernelException;
import org.vmscope.bridge.kernel.KernelImage;
import org.vmscope.bridge.kernel.KernelMismatchException;
import org.vmscope.bridge.kernel.KernelReader;
import org.vmscope.bridge.kernel.PageAllocatorInfo;
import org.vmscope.bridge.kernel.ProcessRef;
import org.vmscope.bridge.mirror.Mirror;
import org.vmscope.bridge.mirror.MirrorOptions;
import org.vmscope.model.psh.PshMem;

/**
 * Kernel awareness against the Phoenix-like kernel: our decoding of the live kernel (ELF + DWARF, reads
 * through the page-table mirror) must print exactly what the kernel's own psh {@code mem} printed on its
 * serial line (the independent oracle), for every build (ia32/riscv64/armv7a/aarch64, DWARF 4/5). Wrong, patched and
 * stripped ELFs are refused with clear messages; corrupted pointers give problems, not hangs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class KernelAwarenessTest {

	private final PhoenixLikeBoots boots = new PhoenixLikeBoots();

	@AfterAll
	void shutdown() {
		boots.close();
	}

	private PhoenixLikeQemu qemu(PhoenixLikeBuild b) throws IOException {
		return boots.get(b);
	}

	private static Mirror mirror(PhoenixLikeQemu q) throws Exception {
		return Mirror.connect("127.0.0.1", q.gdbPort(), MirrorOptions.defaults());
	}

	private static String printed(PshTranscript t, String command) {
		return String.join("\n", t.output(command)) + "\n";
	}

	@ParameterizedTest
	@EnumSource(PhoenixLikeBuild.class)
	void memEqualsTheKernelsOwnPsh(PhoenixLikeBuild b) throws Exception {
		PhoenixLikeQemu q = qemu(b);
		PshTranscript t = PshTranscript.parse(q.serial());
		KernelImage image = KernelImage.open(q.image());
		assertFalse(image.nommu());
		assertEquals(b.pointerBytes(), image.pointerBytes());
		try (Mirror m = mirror(q)) {
			KernelReader r = new KernelReader(image, m);
			r.verifyImage();

			PageAllocatorInfo pages = r.pages(true);
			EntryPoolInfo pool = r.entryPool();
			assertEquals(printed(t, "mem"), PshMem.summary(pages.allocBytes(), pages.freeBytes(), pages.bootBytes(),
					pool.total(), pool.free()));
			assertEquals(printed(t, "mem -p"), PshMem.pages(pages.runs(), pages.pageShift()) + "\n");
			assertEquals(printed(t, "mem -m kernel"), PshMem.map(r.kernelMap(), image.pointerBytes()));

			SortedMap<Integer, ProcessRef> procs = r.processes();
			List<String> printedPids = new ArrayList<>();
			for (String c : t.outputs().keySet())
				if (c.matches("mem -m \\d+"))
					printedPids.add(c.substring("mem -m ".length()));
			assertEquals(printedPids, procs.keySet().stream().map(String::valueOf).toList(),
					"the pids we find are the ones the kernel printed");
			for (int pid : procs.keySet())
				assertEquals(printed(t, "mem -m " + pid), PshMem.map(r.processMap(pid).orElseThrow(), image.pointerBytes()),
						"mem -m " + pid);
			assertTrue(r.processMap(4242).isEmpty(), "a pid that does not exist");
			assertEquals(List.of(), r.problems());
		}
	}

	@Test
	void anElfOfAnotherArchitectureIsRefused() throws Exception {
		PhoenixLikeQemu q = qemu(PhoenixLikeBuild.RISCV64_DWARF5);
		KernelImage wrong = KernelImage.open(PhoenixLikeBuild.IA32_DWARF5.image());
		try (Mirror m = mirror(q)) {
			KernelMismatchException e = assertThrows(KernelMismatchException.class, () -> new KernelReader(wrong, m).verifyImage());
			assertTrue(e.getMessage().contains("riscv64"), e.getMessage());
		}
	}

	@Test
	void anElfWithOtherCodeIsRefused(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
		PhoenixLikeQemu q = qemu(PhoenixLikeBuild.IA32_DWARF5);
		Path patched = dir.resolve("patched.elf");
		byte[] bytes = Files.readAllBytes(q.image());
		ElfSection text = ElfFile.parse(bytes).section(".text").orElseThrow();
		bytes[(int) text.offset() + 3] ^= 0x5a; // one byte of code, as another build would differ
		Files.write(patched, bytes);
		KernelImage image = KernelImage.open(patched);
		try (Mirror m = mirror(q)) {
			KernelMismatchException e = assertThrows(KernelMismatchException.class, () -> new KernelReader(image, m).verifyImage());
			assertTrue(e.getMessage().contains(".text") && e.getMessage().contains("differs"), e.getMessage());
		}
	}

	@Test
	void aStrippedElfGivesTheNoDwarfMessage(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
		Path elf = PhoenixLikeBuild.IA32_DWARF5.image();
		assumeTrue(PhoenixLikeQemu.onPath("objcopy"), "objcopy is not installed");
		Path stripped = dir.resolve("stripped.elf");
		Process p = new ProcessBuilder("objcopy", "--strip-debug", elf.toString(), stripped.toString())
				.redirectErrorStream(true).start();
		assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, new String(p.getInputStream().readAllBytes()));
		KernelException e = assertThrows(KernelException.class, () -> KernelImage.open(stripped));
		assertTrue(e.getMessage().contains("no DWARF") && e.getMessage().contains("--layout"), e.getMessage());
	}

	/** gdb writes into a private instance; our reader must report each corruption and terminate. */
	@Test
	void corruptedPointersAreProblemsNotHangs() throws Exception {
		assumeTrue(PhoenixLikeQemu.onPath(GdbBatch.GDB), GdbBatch.GDB + " is not installed");
		try (PhoenixLikeQemu q = PhoenixLikeQemu.start(PhoenixLikeBuild.IA32_DWARF5)) {
			q.hmp("stop");
			Map<String, String> g = new GdbBatch()
					.raw("set var map_common.kmap->tree.root->left->left = map_common.kmap->tree.root",
							"set var threads_common.current[0]->process->mapp = (vm_map_t *)0x00dead00")
					.unsigned("done", "1")
					.run(q.image(), q.gdbPort());
			assertEquals("1", g.get("done"), g.get("_output"));
			q.hmp("stop");
			KernelImage image = KernelImage.open(q.image());
			try (Mirror m = mirror(q)) {
				KernelReader r = new KernelReader(image, m);
				r.verifyImage();
				r.kernelMap();
				assertTrue(r.problems().stream().anyMatch(s -> s.contains("kernel map") && s.contains("cycle")), r.problems().toString());
				int before = r.problems().size();
				assertEquals(List.of(), r.processMap(4).orElseThrow());
				assertTrue(r.problems().subList(before, r.problems().size()).stream()
						.anyMatch(s -> s.contains("pid 4") && s.contains("dead00")), r.problems().toString());
				// the other processes still decode
				assertFalse(r.processMap(3).orElseThrow().isEmpty());
			}
		}
	}
}
