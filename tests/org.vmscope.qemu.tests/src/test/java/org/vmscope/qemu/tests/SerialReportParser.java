package org.vmscope.qemu.tests;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the serial report of a guest. Lines that do not start with one of the report's
 * keywords (firmware noise) are ignored; a keyword line that does not match its exact format
 * is an error, so a format drift in a guest cannot go unnoticed. Only complete lines (ending
 * in a newline) are considered.
 */
public final class SerialReportParser {

	static final String READY = "VMSCOPE-GUEST ready";

	private static final String HEX = "0x([0-9a-f]+)";
	private static final Pattern HEADER = Pattern.compile(
			"VMSCOPE-GUEST arch=(ia32|x86_64|armv7a|aarch64|riscv64|cortex-m|sparc) mode=([a-z0-9]+) root=" + HEX);
	private static final Pattern MAP = Pattern.compile(
			"MAP va=" + HEX + " pa=" + HEX + " size=" + HEX + " attrs=([r-])([w-])([x-])([u-])( g)?");
	private static final Pattern REGION = Pattern.compile(
			"REGION n=([0-9]+) base=" + HEX + " size=" + HEX + " attrs=([r-])([w-])([x-])([u-]) srd=" + HEX);

	private SerialReportParser() {
	}

	/**
	 * @return the report, or empty if the text does not (yet) contain the ready line
	 * @throws IllegalArgumentException if a report line is malformed or the header is missing
	 */
	public static Optional<GuestReport> parse(String serialText) {
		String header = null;
		List<MapLine> maps = new ArrayList<>();
		List<RegionLine> regions = new ArrayList<>();
		String[] lines = serialText.split("\n", -1);
		// The last element is an unterminated line the guest may still be writing.
		for (int i = 0; i < lines.length - 1; i++) {
			String line = lines[i].strip();
			if (line.equals(READY)) {
				if (header == null)
					throw new IllegalArgumentException("ready before the VMSCOPE-GUEST header");
				Matcher h = HEADER.matcher(header);
				h.matches();
				return Optional.of(new GuestReport(h.group(1), h.group(2), hex(h.group(3)), maps, regions));
			}
			if (line.startsWith("VMSCOPE-GUEST ")) {
				if (!HEADER.matcher(line).matches())
					throw new IllegalArgumentException("malformed header: " + line);
				header = line;
			} else if (line.startsWith("MAP ")) {
				maps.add(mapLine(line));
			} else if (line.startsWith("REGION ")) {
				regions.add(regionLine(line));
			}
		}
		return Optional.empty();
	}

	static MapLine mapLine(String line) {
		Matcher m = MAP.matcher(line);
		if (!m.matches())
			throw new IllegalArgumentException("malformed MAP line: " + line);
		return new MapLine(hex(m.group(1)), hex(m.group(2)), hex(m.group(3)), m.group(4).equals("r"),
				m.group(5).equals("w"), m.group(6).equals("x"), m.group(7).equals("u"), m.group(8) != null);
	}

	static RegionLine regionLine(String line) {
		Matcher m = REGION.matcher(line);
		if (!m.matches())
			throw new IllegalArgumentException("malformed REGION line: " + line);
		return new RegionLine(Integer.parseInt(m.group(1)), hex(m.group(2)), hex(m.group(3)),
				m.group(4).equals("r"), m.group(5).equals("w"), m.group(6).equals("x"), m.group(7).equals("u"),
				(int) hex(m.group(8)));
	}

	private static long hex(String digits) {
		if (digits.length() > 16)
			throw new IllegalArgumentException("hex value wider than 64 bits: " + digits);
		return Long.parseUnsignedLong(digits, 16);
	}
}
