package org.vmscope.bridge.dwarf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.vmscope.bridge.elf.CompilerFacts;
import org.vmscope.bridge.elf.ElfFile;
import org.vmscope.bridge.elf.TestPrograms;

class TextLayoutTest {
    /** ia32 page_t from the Phoenix VM reference: addr, next, prev, idx, flags; 16 bytes. */
    private static final String IA32 = """
            # page_t on ia32
            struct page_t 16
            member page_t addr 0 4
            member page_t next 4 4   # trailing comment
            member page_t prev 8 4
            member page_t idx 12 1
            member page_t flags 0xd 1

            union u 8
            type addr_t 4
            struct pmap_t 0x10
            member pmap_t attr 8 4 67:3
            member pmap_t tree.root 12 4
            """;

    @Test
    void parsesTypesMembersAndBitfields() throws Exception {
        TextLayout l = TextLayout.parse(IA32);
        assertEquals(16, l.sizeOf("page_t"));
        assertEquals(16, l.sizeOf("struct page_t"));
        assertEquals(4, l.offsetOf("page_t", "next"));
        assertEquals(13, l.offsetOf("page_t", "flags"));
        assertEquals(1, l.field("page_t", "idx").size());
        assertTrue(l.hasMember("page_t", "prev"));
        assertFalse(l.hasMember("page_t", "nothing"));
        assertFalse(l.hasType("vm_map_t"));
        assertEquals(4, l.sizeOf("addr_t"));
        FieldLayout attr = l.field("pmap_t", "attr");
        assertTrue(attr.isBitfield());
        assertEquals(67, attr.bitOffset());
        assertEquals(3, attr.bitSize());
        assertEquals(12, l.offsetOf("pmap_t", "tree.root"));
        assertEquals(List.of("page_t", "u", "addr_t", "pmap_t"), l.typeNames());
        LayoutException e = assertThrows(LayoutException.class, () -> l.offsetOf("page_t", "nothing"));
        assertTrue(e.getMessage().contains("nothing"));
        assertThrows(LayoutException.class, () -> l.sizeOf("vm_map_t"));
    }

    @Test
    void errorsCarryLineNumbers() {
        assertError("struct a 4\nstruct a 8\n", 2, "declared twice");
        assertError("member a x 0 4\n", 1, "undeclared type");
        assertError("\n\nstruct a 4\nmember a x 2 4\n", 4, "does not fit");
        assertError("struct a 4\nmember a x 0 4\nmember a x 0 4\n", 3, "declared twice");
        assertError("struct a four\n", 1, "not a number");
        assertError("struct a -4\n", 1, "negative");
        assertError("struct a\n", 1, "expected");
        assertError("# ok\nfield a b 1 2\n", 2, "unknown statement");
        assertError("struct a 4\nmember a b 0 4 30:3\n", 2, "does not fit");
        assertError("struct a 4\nmember a b 0 4 3\n", 2, "bitfield");
        assertError("struct a 4\nmember a b 0 0xffffffffffffffff\n", 2, "negative");
    }

    private static void assertError(String text, int line, String fragment) {
        LayoutFormatException e = assertThrows(LayoutFormatException.class, () -> TextLayout.parse(text));
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().startsWith("line " + line + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    /** A text layout written from the compiler's own facts answers like the DWARF layout does. */
    @Test
    void textAndDwarfLayoutsAgree() throws Exception {
        ElfFile elf = ElfFile.open(TestPrograms.build(TestPrograms.HOST, 5));
        Map<String, Long> facts = CompilerFacts.read(elf);
        StringBuilder text = new StringBuilder();
        text.append("struct page_t ").append(facts.get("size|page_t")).append('\n');
        for (String m : List.of("addr", "next", "prev", "idx", "flags")) {
            text.append("member page_t ").append(m).append(' ').append(facts.get("offset|page_t|" + m))
                    .append(m.equals("idx") || m.equals("flags") ? " 1" : " 8").append('\n');
        }
        Layout fromText = TextLayout.parse(text.toString());
        Layout fromDwarf = new DwarfLayout(DwarfInfo.open(elf));
        assertEquals(fromText.sizeOf("page_t"), fromDwarf.sizeOf("page_t"));
        for (FieldLayout f : fromText.find("page_t").orElseThrow().fields()) {
            FieldLayout d = fromDwarf.field("page_t", f.name());
            assertEquals(f.offset(), d.offset(), f.name());
            assertEquals(f.size(), d.size(), f.name());
        }
        // Nested members appear as dotted paths in the DWARF layout.
        assertEquals(facts.get("offset|map_entry_t|linkage.parent"), fromDwarf.offsetOf("map_entry_t",
                "linkage.parent"));
        assertEquals(facts.get("offset|map_entry_t|u.half.hi"), fromDwarf.offsetOf("map_entry_t", "u.half.hi"));
    }
}
