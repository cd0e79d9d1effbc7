package org.vmscope.qemu.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vmscope.bridge.dwarf.DwarfInfo;
import org.vmscope.bridge.dwarf.DwarfLayout;
import org.vmscope.bridge.dwarf.Variable;
import org.vmscope.bridge.elf.ElfFile;

/**
 * Boots every build of {@code tests/phoenix-like} (ia32, riscv64, armv7a and aarch64, DWARF 4 and 5) and checks
 * what it printed against oracles that do not involve our decoders: the psh formats of
 * phoenix-vm.md §5.2, the derived sizes of §2, gdb reading the live kernel, and QEMU's own
 * address translation. Finally our DWARF reader must agree with gdb on every type and global.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PhoenixLikeKernelTest {

	private static final long PAGE = 0x1000;
	private static final long OBJECT_MAGIC = 0x21584850L; // "PHX!", first word of every file page
	private static final int CURRENT_PID = 4;
	private static final Pattern XP_WORD = Pattern.compile("0x([0-9a-f]{8})");

	/** Members whose offsets gdb and the DWARF reader must agree on. */
	private static final Map<String, List<String>> MEMBERS = Map.of(
			"page_t", List.of("addr", "idx", "flags", "next", "prev"),
			"map_entry_t", List.of("linkage", "next", "map", "aoffs", "amap", "vaddr", "size", "lmaxgap", "rmaxgap",
					"flags", "prot", "protOrig", "object", "offs"),
			"vm_map_t", List.of("pmap", "start", "stop", "tree", "lock"),
			"vm_object_t", List.of("linkage", "oid", "refs", "size", "pages"),
			"amap_t", List.of("lock", "size", "refs", "anons"),
			"anon_t", List.of("lock", "refs", "page"),
			"vm_zone_t", List.of("next", "prev", "linkage", "blocksz", "blocks", "used", "vaddr", "first", "pages"),
			"process_t", List.of("lock", "refs", "path", "idlinkage", "map", "entries", "mapp", "imapp", "pmapp", "tls"),
			"pmap_t", List.of("start", "end", "pmapv", "pmapp"));

	/** Globals: name → compilation unit (arch substituted) and whether Phoenix has it file-static. */
	private static final List<String[]> GLOBALS = List.of(
			new String[] { "pages_info", "vm/page.c", "static" },
			new String[] { "map_common", "vm/map.c", "static" },
			new String[] { "kmalloc_common", "vm/kmalloc.c", "static" },
			new String[] { "object_common", "vm/object.c", "static" },
			new String[] { "amap_common", "vm/amap.c", "static" },
			new String[] { "zone_common", "vm/zone.c", "static" },
			new String[] { "vm", "vm/vm.c", "static" },
			new String[] { "main_common", "main.c", "static" },
			new String[] { "process_common", "proc/process.c", "static" },
			new String[] { "threads_common", "proc/threads.c", "static" },
			new String[] { "syspage", "syspage.c", "global" });

	/** gdb walks every buddy ring: heads must be free with idx = list index; sums the free bytes. */
	private static final String[] BUDDY_WALK = {
		"set $k = 0", "set $free = 0", "set $bad = 0",
		"while $k < sizeof(pages_info.sizes) / sizeof(pages_info.sizes[0])",
		"  set $h = pages_info.sizes[$k]", "  set $p = $h", "  set $first = 1",
		"  while $p != 0 && ($first || $p != $h)",
		"    set $first = 0",
		"    if !($p->flags & 1) || $p->idx != $k", "      set $bad = $bad + 1", "    end",
		"    set $free = $free + (1ULL << $k)", "    set $p = $p->next",
		"  end", "  set $k = $k + 1", "end",
		"printf \"buddy.free %llu\\n\", (unsigned long long)$free",
		"printf \"buddy.bad %llu\\n\", (unsigned long long)$bad" };

	/** gdb CLI for an in-order walk of an rb-tree through parent pointers, running body at each node $n ($i = index). */
	private static String[] inorder(String root, String body) {
		return new String[] {
			"set $n = " + root, "set $i = 0",
			"while $n != 0 && $n->left != 0", "  set $n = $n->left", "end",
			"while $n != 0 && $i < 10000",
			"  " + body, "  set $i = $i + 1",
			"  if $n->right != 0",
			"    set $n = $n->right", "    while $n->left != 0", "      set $n = $n->left", "    end",
			"  else",
			"    while $n->parent != 0 && $n == $n->parent->right", "      set $n = $n->parent", "    end",
			"    set $n = $n->parent",
			"  end",
			"end" };
	}

	private final PhoenixLikeBoots boots = new PhoenixLikeBoots();
	private final Map<PhoenixLikeBuild, Map<String, String>> gdbValues = new EnumMap<>(PhoenixLikeBuild.class);

	@AfterAll
	void shutdown() {
		boots.close();
	}

	private PhoenixLikeQemu qemu(PhoenixLikeBuild b) throws IOException {
		return boots.get(b);
	}

	private PshTranscript transcript(PhoenixLikeBuild b) throws IOException {
		return PshTranscript.parse(qemu(b).serial());
	}

	// ---- psh formats -------------------------------------------------------------------------

	@ParameterizedTest
	@EnumSource(PhoenixLikeBuild.class)
	void printsEveryViewInPshFormat(PhoenixLikeBuild b) throws IOException {
		PshTranscript t = transcript(b);
		assertEquals(b.arch(), t.arch());
		assertEquals(List.of("mem", "mem -m kernel", "mem -m 1", "mem -m 2", "mem -m 3", "mem -m 4", "mem -p"),
				List.copyOf(t.outputs().keySet()));
		t.summary();
		for (String who : List.of("kernel", "1", "2", "3", "4")) {
			List<PshTranscript.Row> rows = t.map(who, b.pointerBytes());
			assertFalse(rows.isEmpty(), "mem -m " + who + " is empty");
			for (int i = 0; i < rows.size(); i++) {
				PshTranscript.Row r = rows.get(i);
				assertEquals(0, r.start() % PAGE, "unaligned start " + r);
				assertEquals(0, r.size() % PAGE, "size not a page multiple " + r);
				// psh walks the entry array backwards: descending, never overlapping.
				if (i > 0)
					assertTrue(Long.compareUnsigned(r.end(), rows.get(i - 1).start()) < 0, "not descending: " + r);
			}
		}
		t.pagesExpanded();
	}

	/** Two views of one page array: run-length markers and the summary's counters. */
	@ParameterizedTest
	@EnumSource(PhoenixLikeBuild.class)
	void pageViewAgreesWithTheSummary(PhoenixLikeBuild b) throws IOException {
		PshTranscript t = transcript(b);
		PshTranscript.Summary s = t.summary();
		String pages = t.pagesExpanded();
		long described = pages.chars().filter(c -> c != 'x').count();
		long free = pages.chars().filter(c -> c == '.').count();
		long boot = pages.chars().filter(c -> c == 'B').count();
		assertEquals(s.totalKB(), described * PAGE / 1024, "pages in mem -p vs total KB");
		assertEquals(s.totalKB() - s.allocKB() - s.bootKB(), free * PAGE / 1024, "free pages vs the summary");
		assertEquals(s.bootKB(), boot * PAGE / 1024, "B pages vs boot KB");
		assertTrue(pages.matches("[.xKYCPMSHABU]+"), "unknown marker in mem -p");
	}

	// ---- gdb on the live kernel ----------------------------------------------------------------

	private Map<String, String> gdb(PhoenixLikeBuild b) throws IOException {
		Map<String, String> v = gdbValues.get(b);
		if (v != null)
			return v;
		assumeTrue(PhoenixLikeQemu.onPath(GdbBatch.GDB), GdbBatch.GDB + " is not installed");
		PhoenixLikeQemu q = qemu(b);
		GdbBatch g = new GdbBatch()
				.unsigned("pages.totalsz", "pages_info.totalsz")
				.unsigned("pages.allocsz", "pages_info.allocsz")
				.unsigned("pages.bootsz", "pages_info.bootsz")
				.unsigned("map.ntotal", "map_common.ntotal")
				.unsigned("map.nfree", "map_common.nfree")
				.signed("cur.pid", "threads_common.current[0]->process->idlinkage.id")
				.unsigned("cur.root", "threads_common.current[0]->process->mapp->pmap." + b.rootField())
				.unsigned("cur.pmapp", "threads_common.current[0]->process->pmapp == &threads_common.current[0]->process->map.pmap");
		for (Map.Entry<String, List<String>> e : MEMBERS.entrySet()) {
			g.unsigned("sizeof." + e.getKey(), "sizeof(" + e.getKey() + ")");
			for (String m : e.getValue())
				g.unsigned("offsetof." + e.getKey() + "." + m, "&((" + e.getKey() + " *)0)->" + m);
		}
		for (String[] global : GLOBALS)
			g.unsigned("addr." + global[0], "&" + global[0]);
		g.raw(BUDDY_WALK).raw(inorder("threads_common.current[0]->process->mapp->tree.root", "printf \"curmap.%d %llu\\n\", $i, (unsigned long long)((map_entry_t *)$n)->vaddr"))
				.raw(inorder("process_common.id.root", "printf \"pid.%d %d\\n\", $i, ((idnode_t *)$n)->id"));
		g.unsigned("addr.pmap_common", "&pmap_common");
		v = g.run(q.image(), q.gdbPort());
		gdbValues.put(b, v);
		return v;
	}

	private static long value(Map<String, String> gdb, String key) {
		String v = gdb.get(key);
		if (v == null)
			throw new AssertionError("gdb did not print " + key + ":\n" + gdb.get("_output"));
		return Long.parseUnsignedLong(v);
	}

	@ParameterizedTest
	@EnumSource(PhoenixLikeBuild.class)
	void summaryAgreesWithWhatGdbReads(PhoenixLikeBuild b) throws IOException {
		Map<String, String> g = gdb(b);
		PshTranscript.Summary s = transcript(b).summary();
		long total = value(g, "pages.totalsz"), alloc = value(g, "pages.allocsz"), boot = value(g, "pages.bootsz");
		assertEquals((alloc - boot) / 1024, s.allocKB());
		assertEquals(boot / 1024, s.bootKB());
		assertEquals(total / 1024, s.totalKB());
		assertEquals(value(g, "map.ntotal"), s.entriesTotal());
		assertEquals(value(g, "map.ntotal") - value(g, "map.nfree"), s.entriesUsed());
		// The entry pool is sized as free / (3 pages + one entry) at boot: about one entry per 3 free pages.
		long perEntry = 3 * PAGE + value(g, "sizeof.map_entry_t");
		assertTrue(s.entriesTotal() <= total / perEntry && s.entriesTotal() >= (total - alloc) / perEntry / 2,
				"pool of " + s.entriesTotal() + " entries for " + total + " bytes");
	}

	/** The sizes phoenix-vm.md §2 derives by hand for 32-bit and LP64 targets. */
	@ParameterizedTest
	@EnumSource(PhoenixLikeBuild.class)
	void layoutMatchesTheReferenceDerivation(PhoenixLikeBuild b) throws IOException {
		Map<String, String> g = gdb(b);
		boolean lp64 = b.pointerBytes() == 8;
		boolean eabi = b.arch().equals("armv7a"); // u64 aligned to 8 on 32-bit ARM
		assertEquals(lp64 ? 32 : 16, value(g, "sizeof.page_t"));
		assertEquals(lp64 ? 112 : eabi ? 64 : 60, value(g, "sizeof.map_entry_t"));
		assertEquals(lp64 ? 88 : 48, value(g, "sizeof.vm_zone_t"));
		assertEquals(0, value(g, "offsetof.map_entry_t.linkage"));
		assertEquals(0, value(g, "offsetof.map_entry_t.next"), "next shares the word of linkage.parent");
		assertEquals(lp64 ? 32 : 16, value(g, "offsetof.map_entry_t.map"));
		assertEquals(lp64 ? 88 : 44, value(g, "offsetof.map_entry_t.flags"));
		assertEquals(lp64 ? 96 : 48, value(g, "offsetof.map_entry_t.object"));
		assertEquals(lp64 ? 104 : eabi ? 56 : 52, value(g, "offsetof.map_entry_t.offs"));
		// ia32 keeps the pointers before idx/flags; riscv64 and armv7a put idx/flags right after addr.
		assertEquals(b.arch().equals("ia32") ? 12 : b.pointerBytes(), value(g, "offsetof.page_t.idx"));
	}

	@ParameterizedTest
	@EnumSource(PhoenixLikeBuild.class)
	void theCurrentProcessRootIsLoaded(PhoenixLikeBuild b) throws IOException {
		Map<String, String> g = gdb(b);
		PhoenixLikeQemu q = qemu(b);
		assertEquals(CURRENT_PID, value(g, "cur.pid"));
		assertEquals(1, value(g, "cur.pmapp"), "pmapp points at the process's own map on MMU");
		OptionalLong root;
		if (b.arm()) {
			root = OptionalLong.of(ArmRegisters.read(q.gdbPort(), "TTBR0_EL1")); // not in QEMU's info registers on ARM
		} else {
			String regs = q.hmp("info registers");
			root = b.rootField().equals("cr3") ? MonitorOutput.cr3(regs) : MonitorOutput.satp(regs);
			assertTrue(root.isPresent(), "no root register in: " + regs);
		}
		assertEquals(Long.toHexString(b.rootOfRegister(root.getAsLong())), Long.toHexString(value(g, "cur.root")));
		assertEquals(Long.toHexString(root.getAsLong()), Long.toHexString(transcript(b).printedRoot().orElse(-1)));
	}

	/** §6 invariants read by gdb: buddy rings vs counters, the pid tree, the live map's entries vs mem -m. */
	@ParameterizedTest
	@EnumSource(PhoenixLikeBuild.class)
	void kernelStructuresAgreeWithThePrintout(PhoenixLikeBuild b) throws IOException {
		Map<String, String> g = gdb(b);
		assertEquals(0, value(g, "buddy.bad"), "free-list heads that are not free or have the wrong idx");
		assertEquals(value(g, "pages.totalsz") - value(g, "pages.allocsz"), value(g, "buddy.free"), "buddy rings vs totalsz - allocsz");

		List<Long> pids = new ArrayList<>();
		for (int i = 0; g.containsKey("pid." + i); i++)
			pids.add(value(g, "pid." + i));
		assertEquals(List.of(1L, 2L, 3L, 4L), pids, "process_common.id in order");

		List<PshTranscript.Row> rows = transcript(b).map(String.valueOf(CURRENT_PID), b.pointerBytes());
		List<Long> printed = new ArrayList<>();
		for (int i = rows.size() - 1; i >= 0; i--)
			printed.add(rows.get(i).start());
		List<Long> walked = new ArrayList<>();
		for (int i = 0; g.containsKey("curmap." + i); i++)
			walked.add(value(g, "curmap." + i));
		assertEquals(printed, walked, "entry tree of the running process (in order) vs mem -m " + CURRENT_PID);
	}

	// ---- QEMU's translation of the printed entries --------------------------------------------

	private OptionalLong gva2gpa(PhoenixLikeQemu q, long va) throws IOException {
		return MonitorOutput.gva2gpa(q.hmp(String.format("gva2gpa 0x%x", va)));
	}

	private long[] words(PhoenixLikeQemu q, long pa) throws IOException {
		Matcher m = XP_WORD.matcher(q.hmp(String.format("xp /4wx 0x%x", pa)));
		long[] w = new long[4];
		for (int i = 0; i < 4; i++) {
			if (!m.find())
				throw new AssertionError("xp output too short at 0x" + Long.toHexString(pa));
			w[i] = Long.parseLong(m.group(1), 16);
		}
		return w;
	}

	private static boolean inside(List<PshTranscript.Row> rows, long va) {
		for (PshTranscript.Row r : rows)
			if (Long.compareUnsigned(va, r.start()) >= 0 && Long.compareUnsigned(va, r.end()) <= 0)
				return true;
		return false;
	}

	/**
	 * Every page of every entry psh lists for the running process translates, pages of file
	 * objects hold what the file server wrote (oid and offset), anonymous pages are zero,
	 * and the page after each entry is unmapped unless another entry starts there.
	 */
	@ParameterizedTest
	@EnumSource(PhoenixLikeBuild.class)
	void entriesOfTheRunningProcessTranslate(PhoenixLikeBuild b) throws IOException {
		PhoenixLikeQemu q = qemu(b);
		List<PshTranscript.Row> rows = transcript(b).map(String.valueOf(CURRENT_PID), b.pointerBytes());
		List<String> wrong = new ArrayList<>();
		Pattern oid = Pattern.compile("(\\d+)\\.(\\d+)(/\\(\\d+KB\\))?");
		for (PshTranscript.Row r : rows) {
			Matcher om = oid.matcher(r.object());
			for (long va = r.start(); Long.compareUnsigned(va, r.end()) < 0; va += PAGE) {
				OptionalLong pa = gva2gpa(q, va);
				if (pa.isEmpty()) {
					wrong.add(String.format("0x%x (%s) unmapped", va, r));
					continue;
				}
				long[] w = words(q, pa.getAsLong());
				if (om.matches()) {
					long offs = Long.parseUnsignedLong(r.offset(), 16) + (va - r.start());
					long[] want = { OBJECT_MAGIC, Long.parseLong(om.group(1)), Long.parseLong(om.group(2)), offs };
					if (!java.util.Arrays.equals(want, w))
						wrong.add(String.format("0x%x (%s): %s, want %s", va, r, java.util.Arrays.toString(w), java.util.Arrays.toString(want)));
				} else if (r.object().equals("(anonymous)") && w[0] != 0) {
					wrong.add(String.format("0x%x (%s): anonymous page not zero", va, r));
				}
			}
			long after = r.end() + 1;
			// The user map ends at VADDR_USR_MAX, where the kernel's mappings may begin.
			if (after != b.vaddrUserMax() && !inside(rows, after) && gva2gpa(q, after).isPresent())
				wrong.add(String.format("0x%x after %s is mapped", after, r));
		}
		if (gva2gpa(q, 0).isPresent())
			wrong.add("page 0 is mapped");
		assertTrue(wrong.isEmpty(), String.join("\n", wrong));
	}

	/** Kernel entries translate; the image segments are linear (VA - VADDR_KERNEL + load address). */
	@ParameterizedTest
	@EnumSource(PhoenixLikeBuild.class)
	void kernelEntriesTranslate(PhoenixLikeBuild b) throws IOException {
		PhoenixLikeQemu q = qemu(b);
		List<PshTranscript.Row> rows = transcript(b).map("kernel", b.pointerBytes());
		for (PshTranscript.Row r : rows) {
			assertEquals("0.0", r.object(), "kernel map entries belong to the kernel object: " + r);
			assertTrue(gva2gpa(q, r.start()).isPresent(), "first page of " + r);
			assertTrue(gva2gpa(q, r.end() & ~(PAGE - 1)).isPresent(), "last page of " + r);
			if (r.prot().equals("r-x"))
				assertEquals(b.kernelPhys(r.start()), gva2gpa(q, r.start()).getAsLong(), "text is linear: " + r);
		}
		PshTranscript.Row top = rows.get(0);
		assertTrue(gva2gpa(q, top.end() + 1).isEmpty(), "the page above the kernel map's last entry is mapped");
	}

	// ---- our DWARF reader against gdb ---------------------------------------------------------

	@ParameterizedTest
	@EnumSource(PhoenixLikeBuild.class)
	void dwarfReaderAgreesWithGdb(PhoenixLikeBuild b) throws Exception {
		Map<String, String> g = gdb(b);
		DwarfInfo dwarf = DwarfInfo.open(ElfFile.open(b.image()));
		DwarfLayout layout = new DwarfLayout(dwarf);
		assertTrue(dwarf.versions().contains(b.dwarf()), "DWARF versions " + dwarf.versions());
		assertEquals(b.pointerBytes(), dwarf.addressSize());

		for (Map.Entry<String, List<String>> e : MEMBERS.entrySet()) {
			String type = e.getKey();
			assertEquals(value(g, "sizeof." + type), layout.sizeOf(type), "sizeof " + type);
			for (String m : e.getValue())
				assertEquals(value(g, "offsetof." + type + "." + m), layout.offsetOf(type, m), type + "." + m);
		}

		List<String[]> globals = new ArrayList<>(GLOBALS);
		globals.add(new String[] { "pmap_common", "hal/" + b.arch() + "/pmap.c", b.arch().equals("ia32") ? "static" : "global" });
		for (String[] global : globals) {
			Variable v = dwarf.variable(global[0]).orElseThrow(() -> new AssertionError("no variable " + global[0]));
			assertEquals(global[1], v.compilationUnit(), global[0] + " unit");
			assertEquals(global[2].equals("global"), v.external(), global[0] + " storage class");
			assertEquals(value(g, "addr." + global[0]), v.address().orElseThrow(), global[0] + " address");
		}
	}
}
