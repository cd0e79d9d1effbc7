package org.vmscope.bridge.elf;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses binutils readelf output: an oracle independent of the reader under test. */
public final class Readelf {
    public record Section(int index, String name, long addr, long offset, long size) {
    }

    public record Load(long offset, long vaddr, long paddr, long fileSize, long memSize, String flags) {
    }

    public record Symbol(String table, String name, long value, long size, String type, String bind) {
    }

    private static final Pattern SECTION = Pattern.compile(
            "^\\s*\\[\\s*(\\d+)]\\s+(\\S+)\\s+\\S+\\s+([0-9a-f]+)\\s+([0-9a-f]+)\\s+([0-9a-f]+)\\s.*$");
    private static final Pattern LOAD = Pattern.compile(
            "^\\s*LOAD\\s+(0x\\S+)\\s+(0x\\S+)\\s+(0x\\S+)\\s+(0x\\S+)\\s+(0x\\S+)\\s+(.*?)\\s+(0x\\S+)\\s*$");
    private static final Pattern TABLE = Pattern.compile("^Symbol table '([^']+)'.*$");
    private static final Pattern SYMBOL = Pattern.compile(
            "^\\s*\\d+:\\s+([0-9a-f]+)\\s+(0x[0-9a-f]+|\\d+)\\s+(\\S+)\\s+(\\S+)\\s+\\S+\\s+\\S+\\s?(.*)$");

    private Readelf() {
    }

    public static List<Section> sections(Path elf) throws IOException {
        List<Section> out = new ArrayList<>();
        for (String line : TestPrograms.run(List.of("readelf", "-W", "-S", elf.toString())).split("\n")) {
            Matcher m = SECTION.matcher(line);
            if (m.matches() && !m.group(1).equals("0")) {
                out.add(new Section(Integer.parseInt(m.group(1)), m.group(2), Long.parseUnsignedLong(m.group(3), 16),
                        Long.parseUnsignedLong(m.group(4), 16), Long.parseUnsignedLong(m.group(5), 16)));
            }
        }
        return out;
    }

    public static List<Load> loads(Path elf) throws IOException {
        List<Load> out = new ArrayList<>();
        for (String line : TestPrograms.run(List.of("readelf", "-W", "-l", elf.toString())).split("\n")) {
            Matcher m = LOAD.matcher(line);
            if (m.matches()) {
                out.add(new Load(hex(m.group(1)), hex(m.group(2)), hex(m.group(3)), hex(m.group(4)),
                        hex(m.group(5)), m.group(6).replace(" ", "")));
            }
        }
        return out;
    }

    public static List<Symbol> symbols(Path elf) throws IOException {
        List<Symbol> out = new ArrayList<>();
        String table = "";
        for (String line : TestPrograms.run(List.of("readelf", "-W", "-s", elf.toString())).split("\n")) {
            Matcher t = TABLE.matcher(line);
            if (t.matches()) {
                table = t.group(1);
                continue;
            }
            Matcher m = SYMBOL.matcher(line);
            if (m.matches()) {
                String size = m.group(2);
                out.add(new Symbol(table, m.group(5).trim(), Long.parseUnsignedLong(m.group(1), 16),
                        size.startsWith("0x") ? hex(size) : Long.parseLong(size), m.group(3), m.group(4)));
            }
        }
        return out;
    }

    private static long hex(String s) {
        return Long.parseUnsignedLong(s.substring(2), 16);
    }
}
