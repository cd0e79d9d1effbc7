package org.vmscope.bridge.dwarf;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link Layout} given as text, for kernels built without DWARF. Format, one statement per line:
 * <pre>
 * # comment (also after a statement)
 * struct page_t 16                  -- declares a type and its size ("union" and "type" work alike)
 * member page_t addr 0 4            -- member name, byte offset, byte size
 * member page_t flags 13 1
 * member pmap_t attr 8 4 3:2        -- optional bitfield: bit offset (from the start of the type) : width
 * member vm_map_t tree.root 8 4     -- a dotted name addresses a member of a nested structure
 * </pre>
 * Numbers are decimal or 0x-hexadecimal. Types must be declared before their members; a member must
 * lie inside its type; names may not repeat. Errors carry the line number.
 */
public final class TextLayout implements Layout {
    private static final int MAX_LINES = 1_000_000;

    private final Map<String, TypeLayout> types;

    private TextLayout(Map<String, TypeLayout> types) {
        this.types = types;
    }

    public static TextLayout parse(String text) throws LayoutFormatException {
        try {
            return parse(new StringReader(text));
        } catch (IOException e) {
            throw new IllegalStateException(e); // a StringReader does not fail
        }
    }

    public static TextLayout read(Path file) throws IOException, LayoutFormatException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(r);
        }
    }

    public static TextLayout parse(Reader in) throws IOException, LayoutFormatException {
        BufferedReader r = new BufferedReader(in);
        Map<String, Long> sizes = new LinkedHashMap<>();
        Map<String, List<FieldLayout>> fields = new LinkedHashMap<>();
        String line;
        int no = 0;
        while ((line = r.readLine()) != null) {
            if (++no > MAX_LINES) {
                throw new LayoutFormatException(no, "more than " + MAX_LINES + " lines");
            }
            int hash = line.indexOf('#');
            String body = (hash >= 0 ? line.substring(0, hash) : line).trim();
            if (body.isEmpty()) {
                continue;
            }
            String[] t = body.split("\\s+");
            switch (t[0]) {
                case "struct", "union", "type" -> {
                    if (t.length != 3) {
                        throw new LayoutFormatException(no, "expected '" + t[0] + " <name> <size>'");
                    }
                    long size = number(t[2], no, "size");
                    if (sizes.putIfAbsent(t[1], size) != null) {
                        throw new LayoutFormatException(no, "type " + t[1] + " is declared twice");
                    }
                    fields.put(t[1], new ArrayList<>());
                }
                case "member" -> fields(no, t, sizes, fields);
                default -> throw new LayoutFormatException(no, "unknown statement '" + t[0]
                        + "' (expected struct, union, type or member)");
            }
        }
        Map<String, TypeLayout> out = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : sizes.entrySet()) {
            out.put(e.getKey(), new TypeLayout(e.getKey(), e.getValue(), fields.get(e.getKey())));
        }
        return new TextLayout(out);
    }

    private static void fields(int no, String[] t, Map<String, Long> sizes, Map<String, List<FieldLayout>> fields)
            throws LayoutFormatException {
        if (t.length != 5 && t.length != 6) {
            throw new LayoutFormatException(no, "expected 'member <type> <name> <offset> <size> [<bit>:<width>]'");
        }
        Long typeSize = sizes.get(t[1]);
        if (typeSize == null) {
            throw new LayoutFormatException(no, "member of undeclared type " + t[1]
                    + " (declare it first with 'struct " + t[1] + " <size>')");
        }
        long offset = number(t[3], no, "offset");
        long size = number(t[4], no, "size");
        if (offset > typeSize || size > typeSize - offset) {
            throw new LayoutFormatException(no, "member " + t[2] + " [" + offset + ", +" + size
                    + ") does not fit in " + t[1] + " of size " + typeSize);
        }
        long bitOffset = offset * 8;
        int bitSize = 0;
        if (t.length == 6) {
            String[] b = t[5].split(":", -1);
            if (b.length != 2) {
                throw new LayoutFormatException(no, "bitfield must be '<bit offset>:<width>', got " + t[5]);
            }
            bitOffset = number(b[0], no, "bit offset");
            long width = number(b[1], no, "bit width");
            long typeBits = typeSize > Long.MAX_VALUE / 8 ? Long.MAX_VALUE : typeSize * 8;
            if (width < 1 || width > 64 || bitOffset > typeBits - width) {
                throw new LayoutFormatException(no, "bitfield " + t[5] + " does not fit in " + t[1]);
            }
            bitSize = (int) width;
        }
        List<FieldLayout> list = fields.get(t[1]);
        for (FieldLayout f : list) {
            if (f.name().equals(t[2])) {
                throw new LayoutFormatException(no, "member " + t[2] + " of " + t[1] + " is declared twice");
            }
        }
        list.add(new FieldLayout(t[2], offset, size, bitOffset, bitSize, ""));
    }

    private static long number(String s, int no, String what) throws LayoutFormatException {
        try {
            long v = s.startsWith("0x") || s.startsWith("0X") ? Long.parseUnsignedLong(s.substring(2), 16)
                    : Long.parseLong(s);
            if (v < 0) {
                throw new LayoutFormatException(no, what + " must not be negative: " + s);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new LayoutFormatException(no, what + " is not a number: " + s);
        }
    }

    /** Looks up "page_t" directly; "struct page_t" / "union page_t" also match a type declared as page_t. */
    @Override
    public Optional<TypeLayout> find(String typeName) {
        String name = typeName.trim();
        TypeLayout t = types.get(name);
        if (t == null) {
            int sp = name.indexOf(' ');
            if (sp > 0) {
                t = types.get(name.substring(sp + 1).trim());
            }
        }
        return Optional.ofNullable(t);
    }

    /** The declared type names in file order. */
    public List<String> typeNames() {
        return List.copyOf(types.keySet());
    }
}
