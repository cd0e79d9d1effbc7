package org.vmscope.qemu.tests;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the Phoenix-like kernel printed between {@code PHOENIX-LIKE begin arch=...} and
 * {@code PHOENIX-LIKE end}: each {@code (psh)% <command>} line followed by that command's
 * output in psh's format. Parsing is strict: a line of {@code mem -m} that does not have
 * psh's exact column layout is an error.
 */
record PshTranscript(String arch, Map<String, List<String>> outputs, OptionalLong printedRoot) {

	static final String BEGIN = "PHOENIX-LIKE begin arch=";
	static final String PROMPT = "(psh)% ";
	private static final Pattern ROOT = Pattern.compile("(?m)^proc: current pid \\d+ root 0x([0-9a-f]+)$");
	private static final Pattern SUMMARY = Pattern.compile("\\((\\d+)\\+(\\d+)\\)/(\\d+)KB (\\d+)/(\\d+) entries");
	private static final Pattern RUN = Pattern.compile("\\[(\\d+)(.)\\]|(.)");

	/** One {@code mem -m} row. {@code offset} is empty when the entry has none. */
	record Row(long start, long end, String prot, String flags, String offset, String object) {
		long size() { return end - start + 1; }
	}

	/** The {@code mem} line: KiB allocated without boot pages, boot KiB, total KiB, entries used/total. */
	record Summary(long allocKB, long bootKB, long totalKB, long entriesUsed, long entriesTotal) {
	}

	static PshTranscript parse(String serial) {
		int begin = serial.indexOf(BEGIN);
		if (begin < 0)
			throw new IllegalArgumentException("no '" + BEGIN + "' line");
		String[] lines = serial.substring(begin).split("\n");
		String arch = lines[0].substring(BEGIN.length()).strip();
		Map<String, List<String>> outputs = new LinkedHashMap<>();
		List<String> current = null;
		boolean ended = false;
		for (int i = 1; i < lines.length; i++) {
			String line = lines[i];
			if (line.equals(PhoenixLikeQemu.END)) {
				ended = true;
				break;
			}
			if (line.startsWith(PROMPT)) {
				current = new ArrayList<>();
				outputs.put(line.substring(PROMPT.length()), current);
			} else if (current == null) {
				throw new IllegalArgumentException("output before the first command: " + line);
			} else {
				current.add(line);
			}
		}
		if (!ended)
			throw new IllegalArgumentException("no end line");
		Matcher m = ROOT.matcher(serial);
		OptionalLong root = m.find() ? OptionalLong.of(Long.parseUnsignedLong(m.group(1), 16)) : OptionalLong.empty();
		return new PshTranscript(arch, outputs, root);
	}

	List<String> output(String command) {
		List<String> out = outputs.get(command);
		if (out == null)
			throw new IllegalArgumentException("command '" + command + "' not in the transcript: " + outputs.keySet());
		return out;
	}

	Summary summary() {
		List<String> out = output("mem");
		Matcher m = SUMMARY.matcher(out.size() == 1 ? out.get(0) : "");
		if (!m.matches())
			throw new IllegalArgumentException("mem summary is not psh's format: " + out);
		return new Summary(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
				Long.parseLong(m.group(4)), Long.parseLong(m.group(5)));
	}

	static String header(int pointerBytes) {
		return String.format("%-" + (4 * pointerBytes + 1) + "s  PROT  FLAGS  %16s  OBJECT", "SEGMENT", "OFFSET");
	}

	/** The rows of {@code mem -m <who>} ("kernel" or a pid), top to bottom as printed. */
	List<Row> map(String who, int pointerBytes) {
		List<String> out = output("mem -m " + who);
		if (out.isEmpty() || !out.get(0).equals(header(pointerBytes)))
			throw new IllegalArgumentException("mem -m " + who + ": header is not psh's: " + (out.isEmpty() ? "(none)" : out.get(0)));
		int w = 2 * pointerBytes;
		Pattern row = Pattern.compile("([0-9a-f]{" + w + "}):([0-9a-f]{" + w + "})  ([r-][w-][x-])   ([C ][P ][F ][A ])   ([ 0-9a-f]{16})  (\\S.*)");
		List<Row> rows = new ArrayList<>();
		for (String line : out.subList(1, out.size())) {
			Matcher m = row.matcher(line);
			if (!m.matches())
				throw new IllegalArgumentException("mem -m " + who + ": row is not psh's format: '" + line + "'");
			rows.add(new Row(Long.parseUnsignedLong(m.group(1), 16), Long.parseUnsignedLong(m.group(2), 16),
					m.group(3), m.group(4), m.group(5).strip(), m.group(6)));
		}
		return rows;
	}

	/** {@code mem -p} expanded to one marker per page ('x' for the gaps), in address order. */
	String pagesExpanded() {
		List<String> out = output("mem -p");
		if (out.size() != 1)
			throw new IllegalArgumentException("mem -p is not one line: " + out);
		StringBuilder sb = new StringBuilder();
		Matcher m = RUN.matcher(out.get(0));
		int at = 0;
		while (m.find()) {
			if (m.start() != at)
				throw new IllegalArgumentException("mem -p: unparsable at " + at);
			at = m.end();
			if (m.group(1) != null) {
				long n = Long.parseLong(m.group(1));
				if (n <= 3)
					throw new IllegalArgumentException("mem -p brackets a run of " + n + " (psh writes runs up to 3 out)");
				sb.append(String.valueOf(m.group(2)).repeat((int) n));
			} else {
				if (m.group(3).equals("[") || m.group(3).equals("]"))
					throw new IllegalArgumentException("mem -p: stray bracket at " + m.start());
				sb.append(m.group(3));
			}
		}
		return sb.toString();
	}
}
