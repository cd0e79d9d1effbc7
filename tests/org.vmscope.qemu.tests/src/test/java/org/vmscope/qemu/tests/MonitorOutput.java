package org.vmscope.qemu.tests;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsers for the QEMU 7.2 HMP outputs the tests use as oracles. */
public final class MonitorOutput {

	/** One leaf of x86 {@code info tlb}: flags are the 9 characters {@code XGPDACTUW}. */
	public record TlbEntry(long va, long pa, String flags) {
		public boolean nx() { return flags.charAt(0) == 'X'; }
		public boolean global() { return flags.charAt(1) == 'G'; }
		public boolean largePage() { return flags.charAt(2) == 'P'; }
		public boolean user() { return flags.charAt(7) == 'U'; }
		public boolean writable() { return flags.charAt(8) == 'W'; }
	}

	/** One range of x86 {@code info mem}: no PA, rights merged over all levels. */
	public record X86MemRange(long start, long end, boolean user, boolean writable) {
		public boolean covers(long va, long size) {
			return Long.compareUnsigned(va, start) >= 0 && Long.compareUnsigned(va + size, end) <= 0
					&& Long.compareUnsigned(va + size, va) > 0;
		}
	}

	/** One range of RISC-V {@code info mem}; attrs are the 7 characters {@code rwxugad}. */
	public record RiscvMemRange(long va, long pa, long size, String attrs) {
		public boolean read() { return attrs.charAt(0) == 'r'; }
		public boolean write() { return attrs.charAt(1) == 'w'; }
		public boolean exec() { return attrs.charAt(2) == 'x'; }
		public boolean user() { return attrs.charAt(3) == 'u'; }
		public boolean global() { return attrs.charAt(4) == 'g'; }

		public boolean containsVa(long addr) {
			return Long.compareUnsigned(addr, va) >= 0 && Long.compareUnsigned(addr - va, size) < 0;
		}
	}

	private static final Pattern GPA = Pattern.compile("gpa: (?:0x)?([0-9a-f]+)");
	private static final Pattern TLB = Pattern.compile("([0-9a-f]+): ([0-9a-f]+) ([-X][-G][-P][-D][-A][-C][-T][-U][-W])");
	private static final Pattern X86_MEM = Pattern.compile("([0-9a-f]+)-([0-9a-f]+) ([0-9a-f]+) ([-u])r([-w])");
	private static final Pattern RISCV_MEM = Pattern.compile(
			"([0-9a-f]{16}) ([0-9a-f]{16}) ([0-9a-f]{16}) ([-r][-w][-x][-u][-g][-a][-d])");
	private static final Pattern CR3 = Pattern.compile("CR3=([0-9a-f]+)");
	private static final Pattern SATP = Pattern.compile("(?m)^\\s*satp\\s+([0-9a-f]+)\\s*$");
	private static final Pattern SRMMU_ROOT = Pattern.compile("Root ptr: ([0-9a-f]+), ctx: (\\d+)");
	private static final Pattern XP_WORD = Pattern.compile("^[0-9a-f]+: 0x([0-9a-f]{8})");

	private MonitorOutput() {
	}

	/** {@code gva2gpa}: the PA, or empty for "Unmapped" (or anything else that is not an address). */
	public static OptionalLong gva2gpa(String text) {
		Matcher m = GPA.matcher(text.strip());
		return m.matches() ? OptionalLong.of(Long.parseUnsignedLong(m.group(1), 16)) : OptionalLong.empty();
	}

	public static List<TlbEntry> x86Tlb(String text) {
		return matchingLines(text, TLB, m -> new TlbEntry(hex(m.group(1)), hex(m.group(2)), m.group(3)));
	}

	public static List<X86MemRange> x86Mem(String text) {
		return matchingLines(text, X86_MEM,
				m -> new X86MemRange(hex(m.group(1)), hex(m.group(2)), m.group(4).equals("u"), m.group(5).equals("w")));
	}

	public static List<RiscvMemRange> riscvMem(String text) {
		return matchingLines(text, RISCV_MEM, m -> new RiscvMemRange(hex(m.group(1)), hex(m.group(2)), hex(m.group(3)), m.group(4)));
	}

	/** One row per line (stripped) that {@code p} matches as a whole, in order; other lines are skipped. */
	private static <T> List<T> matchingLines(String text, Pattern p, Function<Matcher, T> row) {
		List<T> out = new ArrayList<>();
		for (String line : text.split("\n")) {
			Matcher m = p.matcher(line.strip());
			if (m.matches())
				out.add(row.apply(m));
		}
		return out;
	}

	/** CR3 from x86 {@code info registers}. */
	public static OptionalLong cr3(String infoRegisters) {
		Matcher m = CR3.matcher(infoRegisters);
		return m.find() ? OptionalLong.of(hex(m.group(1))) : OptionalLong.empty();
	}

	/** satp from RISC-V {@code info registers}. */
	public static OptionalLong satp(String infoRegisters) {
		Matcher m = SATP.matcher(infoRegisters);
		return m.find() ? OptionalLong.of(hex(m.group(1))) : OptionalLong.empty();
	}

	/**
	 * The SRMMU walk root from SPARC {@code info tlb} ("Root ptr: <context table>, ctx: <n>"): the
	 * context-table entry of the current context, context table + 4 x context.
	 */
	public static OptionalLong srmmuContextEntry(String infoTlb) {
		Matcher m = SRMMU_ROOT.matcher(infoTlb);
		return m.find() ? OptionalLong.of(hex(m.group(1)) + 4L * Long.parseLong(m.group(2))) : OptionalLong.empty();
	}

	/** The first word of an {@code xp /Nxw addr} dump. */
	public static OptionalLong firstWord(String xpOutput) {
		Matcher m = XP_WORD.matcher(xpOutput.strip());
		return m.find() ? OptionalLong.of(hex(m.group(1))) : OptionalLong.empty();
	}

	private static long hex(String digits) {
		return Long.parseUnsignedLong(digits, 16);
	}
}
