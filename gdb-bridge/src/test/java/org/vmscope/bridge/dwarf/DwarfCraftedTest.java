package org.vmscope.bridge.dwarf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vmscope.bridge.elf.ElfFile;
import org.vmscope.bridge.elf.ElfHeader;
import org.vmscope.bridge.elf.ElfImage;

/**
 * Hand-assembled DWARF for what gcc rarely emits (strx/addrx forms, data16, ref_addr, 64-bit DWARF,
 * type units) and for malformed input (cycles, bad references, bad lengths). Expected values are the
 * ones written into the bytes.
 */
class DwarfCraftedTest {
    // Tags, attributes and forms, spelled out so the test does not depend on the reader's constants.
    static final int COMPILE_UNIT = 0x11, BASE_TYPE = 0x24, STRUCT = 0x13, MEMBER = 0x0d, TYPEDEF = 0x16,
            ENUM = 0x04, ENUMERATOR = 0x28, VARIABLE = 0x34, POINTER = 0x0f, ARRAY = 0x01, SUBRANGE = 0x21,
            CONST = 0x26, TYPE_UNIT = 0x41;
    static final int NAME = 0x03, BYTE_SIZE = 0x0b, ENCODING = 0x3e, TYPE = 0x49, LOCATION = 0x02,
            DATA_MEMBER_LOCATION = 0x38, CONST_VALUE = 0x1c, EXTERNAL = 0x3f, DECLARATION = 0x3c, COUNT = 0x37,
            UPPER_BOUND = 0x2f, DATA_BIT_OFFSET = 0x6b, BIT_SIZE = 0x0d, STR_OFFSETS_BASE = 0x72, ADDR_BASE = 0x73,
            SIGNATURE = 0x69;
    static final int F_ADDR = 0x01, F_DATA1 = 0x0b, F_DATA2 = 0x05, F_STRING = 0x08, F_STRP = 0x0e, F_UDATA = 0x0f,
            F_SDATA = 0x0d, F_REF_ADDR = 0x10, F_REF2 = 0x12, F_REF4 = 0x13, F_REF_UDATA = 0x15,
            F_SEC_OFFSET = 0x17, F_EXPRLOC = 0x18, F_FLAG_PRESENT = 0x19, F_STRX = 0x1a, F_DATA16 = 0x1e,
            F_REF_SIG8 = 0x20, F_IMPLICIT_CONST = 0x21, F_STRX1 = 0x25, F_STRX2 = 0x26, F_STRX3 = 0x27,
            F_STRX4 = 0x28, F_ADDRX1 = 0x29;

    /** Abbreviation table writer: code, tag, children, then (attr, form[, implicit]) pairs. */
    private static final class Abbrevs {
        final DwarfBytes b = new DwarfBytes(ByteOrder.LITTLE_ENDIAN);

        Abbrevs add(int code, int tag, boolean children, long... attrForm) {
            b.uleb(code).uleb(tag).u8(children ? 1 : 0);
            for (int i = 0; i < attrForm.length; i += 2) {
                b.uleb(attrForm[i]).uleb(attrForm[i + 1]);
                if (attrForm[i + 1] == F_IMPLICIT_CONST) {
                    b.sleb(attrForm[i + 2]);
                    i++;
                }
            }
            b.uleb(0).uleb(0);
            return this;
        }

        byte[] done() {
            b.uleb(0);
            return b.toArray();
        }
    }

    /** A unit under construction: header written, DIE offsets recorded by label for references. */
    private static final class UnitWriter {
        final DwarfBytes b;
        final ByteOrder order;
        final int offsetSize;
        final int lengthAt;
        final int start;
        final Map<String, Integer> labels = new HashMap<>();
        final Map<Integer, String> fixups4 = new HashMap<>();

        UnitWriter(ByteOrder order, int offsetSize, int version, int addrSize, DwarfBytes into) {
            this.b = into;
            this.order = order;
            this.offsetSize = offsetSize;
            this.start = b.pos();
            if (offsetSize == 8) {
                b.u32(0xffffffffL);
            }
            lengthAt = b.pos();
            b.u(offsetSize, 0);
            b.u16(version);
            if (version >= 5) {
                b.u8(1).u8(addrSize).u(offsetSize, 0);
            } else {
                b.u(offsetSize, 0).u8(addrSize);
            }
        }

        void label(String l) {
            labels.put(l, b.pos() - start);
        }

        /** A unit-relative ref4 to a label defined anywhere in the unit. */
        void ref4(String l) {
            fixups4.put(b.pos(), l);
            b.u32(0);
        }

        byte[] finish() {
            byte[] data = b.toArray();
            DwarfBytes.patch(data, lengthAt, offsetSize, data.length - lengthAt - offsetSize, order);
            for (Map.Entry<Integer, String> f : fixups4.entrySet()) {
                Integer target = labels.get(f.getValue());
                DwarfBytes.patch(data, f.getKey(), 4, target, order);
            }
            return data;
        }
    }

    private static ElfFile elf(ByteOrder order, Map<String, byte[]> sections) throws Exception {
        ElfImage img = new ElfImage(true, order, 62, ElfHeader.ET_EXEC);
        for (Map.Entry<String, byte[]> e : sections.entrySet()) {
            img.section(e.getKey(), e.getValue());
        }
        return ElfFile.parse(img.build());
    }

    static Stream<Arguments> formats() {
        return Stream.of(Arguments.of(ByteOrder.LITTLE_ENDIAN, 4), Arguments.of(ByteOrder.BIG_ENDIAN, 4),
                Arguments.of(ByteOrder.LITTLE_ENDIAN, 8), Arguments.of(ByteOrder.BIG_ENDIAN, 8));
    }

    /** A DWARF 5 unit using the indexed and unusual forms; checked in both byte orders and both offset sizes. */
    @ParameterizedTest(name = "{0} offsets {1}")
    @MethodSource("formats")
    void dwarf5FormsDecode(ByteOrder order, int offsetSize) throws Exception {
        byte[] abbrev = new Abbrevs()
                .add(1, COMPILE_UNIT, true, NAME, F_STRX1, STR_OFFSETS_BASE, F_SEC_OFFSET, ADDR_BASE, F_SEC_OFFSET)
                .add(2, BASE_TYPE, false, NAME, F_STRP, BYTE_SIZE, F_DATA1, ENCODING, F_DATA1)
                .add(3, STRUCT, true, NAME, F_STRING, BYTE_SIZE, F_UDATA)
                .add(4, MEMBER, false, NAME, F_STRX2, TYPE, F_REF4, DATA_MEMBER_LOCATION, F_IMPLICIT_CONST, 8)
                .add(5, MEMBER, false, NAME, F_STRX, TYPE, F_REF_ADDR, DATA_MEMBER_LOCATION, F_EXPRLOC)
                .add(6, TYPEDEF, false, NAME, F_STRX3, TYPE, F_REF_UDATA)
                .add(7, ENUM, true, NAME, F_STRX4, BYTE_SIZE, F_DATA1, TYPE, F_REF4)
                .add(8, ENUMERATOR, false, NAME, F_STRING, CONST_VALUE, F_DATA16)
                .add(9, ENUMERATOR, false, NAME, F_STRING, CONST_VALUE, F_SDATA)
                .add(10, VARIABLE, false, NAME, F_STRING, TYPE, F_REF4, LOCATION, F_EXPRLOC, EXTERNAL,
                        F_FLAG_PRESENT)
                .add(11, VARIABLE, false, NAME, F_STRING, TYPE, F_REF2, LOCATION, F_EXPRLOC)
                .add(12, POINTER, false, BYTE_SIZE, F_DATA1, TYPE, F_REF4)
                .add(13, STRUCT, false, NAME, F_STRING, DECLARATION, F_FLAG_PRESENT)
                .add(14, MEMBER, false, NAME, F_STRING, TYPE, F_REF4, DATA_BIT_OFFSET, F_DATA2, BIT_SIZE, F_DATA1)
                .add(15, ARRAY, true, TYPE, F_REF4)
                .add(16, SUBRANGE, false, COUNT, F_DATA1)
                .add(17, SUBRANGE, false, UPPER_BOUND, F_DATA2)
                .add(18, SUBRANGE, false)
                .add(19, MEMBER, false, NAME, F_STRING, TYPE, F_REF4, DATA_MEMBER_LOCATION, F_DATA1)
                .done();
        // .debug_str: strp and the targets of .debug_str_offsets
        DwarfBytes str = new DwarfBytes(order);
        int sCu = str.pos();
        str.cstr("crafted.c");
        int sInt = str.pos();
        str.cstr("int");
        int sNext = str.pos();
        str.cstr("next");
        int sWord = str.pos();
        str.cstr("word");
        int sWordT = str.pos();
        str.cstr("word_t");
        int sColor = str.pos();
        str.cstr("color");
        // .debug_str_offsets (DWARF 5 header, then entries)
        DwarfBytes so = new DwarfBytes(order);
        if (offsetSize == 8) {
            so.u32(0xffffffffL).u64(4 + 6 * 8L);
        } else {
            so.u32(4 + 6 * 4L);
        }
        so.u16(5).u16(0);
        int soBase = so.pos();
        for (int s : new int[] {sCu, sNext, sWord, sWordT, sColor}) {
            so.u(offsetSize, s);
        }
        // .debug_addr (header, then entries)
        DwarfBytes addr = new DwarfBytes(order);
        addr.u32(4 + 16).u16(5).u8(8).u8(0);
        int addrBase = addr.pos();
        addr.u64(0x1000).u64(0xffff_8000_0000_1234L);

        DwarfBytes info = new DwarfBytes(order);
        UnitWriter u = new UnitWriter(order, offsetSize, 5, 8, info);
        info.uleb(1).u8(0).u(offsetSize, soBase).u(offsetSize, addrBase);
        u.label("int");
        info.uleb(2).u(offsetSize, sInt).u8(4).u8(5);
        u.label("node");
        info.uleb(3).cstr("node").uleb(24);
        info.uleb(4).u16(1);                     // next: strx2 #1, implicit offset 8
        u.ref4("nodeptr");
        int refAddrAt = info.pos() + 1 + 1;       // after abbrev code and strx uleb
        info.uleb(5).uleb(2).u(offsetSize, 0)     // word: strx #2, ref_addr (patched), expr plus_uconst 16
                .uleb(2).u8(0x23).uleb(16);
        info.uleb(14).cstr("bits");               // bits: data_bit_offset 0, width 5
        u.ref4("int");
        info.u16(0).u8(5);
        info.uleb(19).cstr("grid");
        u.ref4("grid");
        info.u8(0);
        info.uleb(0);
        u.label("nodeptr");
        info.uleb(12).u8(8);
        u.ref4("node");
        u.label("wordt");
        info.uleb(6).u(3, 3);                    // typedef word_t: strx3 #3
        int typedefRefAt = info.pos();
        info.uleb(0);                            // ref_udata, patched below if needed (int at small offset)
        u.label("color");
        info.uleb(7).u(4, 4).u8(1);              // enum color: strx4 #4, size 1
        u.ref4("int");
        info.uleb(8).cstr("RED").u64(order == ByteOrder.LITTLE_ENDIAN ? 7 : 0)
                .u64(order == ByteOrder.LITTLE_ENDIAN ? 0 : 7);
        info.uleb(9).cstr("DARK").sleb(-3);
        info.uleb(0);
        info.uleb(10).cstr("root");
        u.ref4("nodeptr");
        info.uleb(2).u8(0xa1).uleb(1);           // DW_OP_addrx 1
        info.uleb(11).cstr("count");
        info.u16(u.labels.get("int"));
        info.uleb(9).u8(0x03).u64(0x2000);       // DW_OP_addr 0x2000
        info.uleb(13).cstr("node");              // a declaration of the same struct
        u.label("grid");
        info.uleb(15);
        u.ref4("int");
        info.uleb(16).u8(2);
        info.uleb(17).u16(2);
        info.uleb(0);
        u.label("flex");
        info.uleb(15);
        u.ref4("wordt");
        info.uleb(18);
        info.uleb(0);
        info.uleb(0);
        byte[] infoBytes = u.finish();
        // ref_addr is section-relative: the int base type. ref_udata (one byte uleb) is unit-relative.
        DwarfBytes.patch(infoBytes, refAddrAt, offsetSize, u.labels.get("int") + u.start, order);
        assertTrue(u.labels.get("int") < 0x80);
        infoBytes[typedefRefAt] = (byte) (int) u.labels.get("int");

        Map<String, byte[]> sections = new HashMap<>();
        sections.put(".debug_info", infoBytes);
        sections.put(".debug_abbrev", abbrev);
        sections.put(".debug_str", str.toArray());
        sections.put(".debug_str_offsets", so.toArray());
        sections.put(".debug_addr", addr.toArray());
        DwarfInfo d = DwarfInfo.open(elf(order, sections));

        assertEquals(java.util.List.of("crafted.c"), d.compilationUnits());
        StructType node = assertInstanceOf(StructType.class, d.type("struct node").orElseThrow());
        assertFalse(node.isDeclaration(), "the definition wins over the later declaration");
        assertEquals(OptionalLong.of(24), node.byteSize());
        Member next = node.member("next").orElseThrow();
        assertEquals(8, next.offset());
        assertSame(node, ((PointerType) next.type()).target());
        Member word = node.member("word").orElseThrow();
        assertEquals(16, word.offset());
        assertEquals("int", word.type().name());
        Member bits = node.member("bits").orElseThrow();
        assertEquals(5, bits.bitSize());
        assertEquals(0, bits.bitOffset());
        ArrayType grid = assertInstanceOf(ArrayType.class, node.member("grid").orElseThrow().type());
        assertEquals(OptionalLong.of(2), grid.dimensions().get(0).count());
        assertEquals(OptionalLong.of(3), grid.dimensions().get(1).count(), "upper bound 2 means three elements");
        assertEquals(OptionalLong.of(24), grid.byteSize());

        TypedefType wordT = assertInstanceOf(TypedefType.class, d.type("word_t").orElseThrow());
        assertEquals("int", wordT.target().name());
        EnumType color = assertInstanceOf(EnumType.class, d.type("enum color").orElseThrow());
        assertEquals(OptionalLong.of(7), color.valueOf("RED"));
        assertEquals(OptionalLong.of(-3), color.valueOf("DARK"));

        Variable root = d.variable("root").orElseThrow();
        assertEquals(OptionalLong.of(0xffff_8000_0000_1234L), root.address());
        assertTrue(root.external());
        Variable count = d.variable("count").orElseThrow();
        assertEquals(OptionalLong.of(0x2000), count.address());
        assertFalse(count.external());
        assertEquals("crafted.c", count.compilationUnit());
    }

    /** A minimal DWARF 4 unit whose body is supplied by the caller, with labels for references. */
    private static DwarfInfo dwarf4(byte[] abbrev, java.util.function.Consumer<UnitWriter> body) throws Exception {
        DwarfBytes info = new DwarfBytes(ByteOrder.LITTLE_ENDIAN);
        UnitWriter u = new UnitWriter(ByteOrder.LITTLE_ENDIAN, 4, 4, 8, info);
        body.accept(u);
        Map<String, byte[]> sections = new HashMap<>();
        sections.put(".debug_info", u.finish());
        sections.put(".debug_abbrev", abbrev);
        return DwarfInfo.open(elf(ByteOrder.LITTLE_ENDIAN, sections));
    }

    private static final byte[] SIMPLE_ABBREV = new Abbrevs()
            .add(1, COMPILE_UNIT, true, NAME, F_STRING)
            .add(2, TYPEDEF, false, NAME, F_STRING, TYPE, F_REF4)
            .add(3, CONST, false, TYPE, F_REF4)
            .add(4, POINTER, false, NAME, F_STRING, BYTE_SIZE, F_DATA1, TYPE, F_REF4)
            .add(5, VARIABLE, false, NAME, F_STRING, TYPE, F_REF4)
            .add(6, ARRAY, true, NAME, F_STRING, TYPE, F_REF4)
            .add(7, SUBRANGE, false, COUNT, F_DATA1)
            .add(8, BASE_TYPE, false, NAME, F_STRING, BYTE_SIZE, F_DATA1, ENCODING, F_DATA1)
            .done();

    @Test
    void cyclicTypedefsAreReportedNotFollowedForever() throws Exception {
        DwarfInfo d = dwarf4(SIMPLE_ABBREV, u -> {
            u.b.uleb(1).cstr("cycle.c");
            u.label("a");
            u.b.uleb(2).cstr("A");
            u.ref4("b");
            u.label("b");
            u.b.uleb(2).cstr("B");
            u.ref4("a");
            u.label("c");
            u.b.uleb(3);                 // const C -> itself
            u.ref4("c");
            u.b.uleb(5).cstr("v");
            u.ref4("c");
            u.label("arr");
            u.b.uleb(6).cstr("arr");     // array of itself
            u.ref4("arr");
            u.b.uleb(7).u8(2).uleb(0);
            u.b.uleb(5).cstr("w");
            u.ref4("arr");
            u.label("self");
            u.b.uleb(4).cstr("self").u8(8); // a pointer to itself is odd but finite
            u.ref4("self");
            u.b.uleb(4).cstr("toCycle").u8(8);
            u.ref4("a");
            u.b.uleb(5).cstr("p");
            u.ref4("self");
            u.b.uleb(5).cstr("q");
            u.ref4("ptc");
            u.label("ptc");
            u.b.uleb(4).cstr("ptc").u8(8);
            u.ref4("b");
            u.b.uleb(0);
        });
        DwarfFormatException e = assertThrows(DwarfFormatException.class, () -> d.type("A"));
        assertTrue(e.getMessage().contains("cyclic"), e.getMessage());
        assertThrows(DwarfFormatException.class, () -> d.type("B"));
        assertTrue(assertThrows(DwarfFormatException.class, () -> d.variable("v")).getMessage().contains("cyclic"));
        assertTrue(assertThrows(DwarfFormatException.class, () -> d.variable("w")).getMessage().contains("cyclic"));
        // Failures leave nothing half-built: asking again fails the same way.
        assertThrows(DwarfFormatException.class, () -> d.type("A"));

        PointerType self = assertInstanceOf(PointerType.class, d.variable("p").orElseThrow().type());
        assertSame(self, self.target());
        assertTrue(self.displayName().length() < 200);
        // A pointer whose pointee is malformed stays usable, its target marked unreadable.
        PointerType ptc = assertInstanceOf(PointerType.class, d.variable("q").orElseThrow().type());
        OpaqueType bad = assertInstanceOf(OpaqueType.class, ptc.target());
        assertTrue(bad.why().contains("cyclic"), bad.why());
    }

    @Test
    void referencesOutsideTheUnitAreRejected() throws Exception {
        DwarfInfo d = dwarf4(SIMPLE_ABBREV, u -> {
            u.b.uleb(1).cstr("bad.c");
            u.b.uleb(2).cstr("T").u32(0x7fff0000);
            u.b.uleb(0);
        });
        DwarfFormatException e = assertThrows(DwarfFormatException.class, () -> d.type("T"));
        assertTrue(e.getMessage().contains("outside its unit"), e.getMessage());
    }

    @Test
    void malformedUnitsFailOnOpen() throws Exception {
        // Unit length past the section end.
        Map<String, byte[]> s = new HashMap<>();
        DwarfBytes info = new DwarfBytes(ByteOrder.LITTLE_ENDIAN);
        info.u32(0x1000).u16(4).u32(0).u8(8).uleb(1).cstr("x").uleb(0);
        s.put(".debug_info", info.toArray());
        s.put(".debug_abbrev", SIMPLE_ABBREV);
        assertTrue(message(s).contains("claims"));
        // Unsupported version.
        info = new DwarfBytes(ByteOrder.LITTLE_ENDIAN);
        info.u32(11).u16(9).u32(0).u8(8).uleb(1).cstr("x").uleb(0);
        s.put(".debug_info", info.toArray());
        assertTrue(message(s).contains("version 9"));
        // Abbreviation code the table does not define.
        info = new DwarfBytes(ByteOrder.LITTLE_ENDIAN);
        info.u32(11).u16(4).u32(0).u8(8).uleb(1).cstr("x").uleb(42);
        s.put(".debug_info", info.toArray());
        assertTrue(message(s).contains("abbreviation code 42"));
        // Unknown form in the abbreviation table.
        info = new DwarfBytes(ByteOrder.LITTLE_ENDIAN);
        info.u32(11).u16(4).u32(0).u8(8).uleb(1).cstr("x").uleb(0);
        s.put(".debug_info", info.toArray());
        s.put(".debug_abbrev", new Abbrevs().add(1, COMPILE_UNIT, true, NAME, 0x7e).done());
        assertTrue(message(s).contains("unknown attribute form 0x7e"));
        // Abbreviation offset past .debug_abbrev.
        info = new DwarfBytes(ByteOrder.LITTLE_ENDIAN);
        info.u32(11).u16(4).u32(0x5000).u8(8).uleb(1).cstr("x").uleb(0);
        s.put(".debug_info", info.toArray());
        assertTrue(message(s).contains("abbreviation offset"));
        // No .debug_abbrev at all.
        s.remove(".debug_abbrev");
        MissingDwarfException m = assertThrows(MissingDwarfException.class,
                () -> DwarfInfo.open(elf(ByteOrder.LITTLE_ENDIAN, s)));
        assertTrue(m.getMessage().contains(".debug_abbrev"));
    }

    private static String message(Map<String, byte[]> sections) {
        return assertThrows(DwarfFormatException.class, () -> DwarfInfo.open(elf(ByteOrder.LITTLE_ENDIAN, sections)))
                .getMessage();
    }

    @Test
    void typeUnitsAreReachedBySignature() throws Exception {
        long sig = 0x1122334455667788L;
        byte[] abbrev = new Abbrevs()
                .add(1, COMPILE_UNIT, true, NAME, F_STRING)
                .add(2, TYPE_UNIT, true)
                .add(3, STRUCT, true, NAME, F_STRING, BYTE_SIZE, F_DATA1)
                .add(4, MEMBER, false, NAME, F_STRING, TYPE, F_REF4, DATA_MEMBER_LOCATION, F_DATA1)
                .add(5, BASE_TYPE, false, NAME, F_STRING, BYTE_SIZE, F_DATA1, ENCODING, F_DATA1)
                .add(6, STRUCT, false, NAME, F_STRING, DECLARATION, F_FLAG_PRESENT, SIGNATURE, F_REF_SIG8)
                .add(7, VARIABLE, false, NAME, F_STRING, TYPE, F_REF4)
                .done();
        DwarfBytes info = new DwarfBytes(ByteOrder.LITTLE_ENDIAN);
        // DWARF 5 type unit: length, version, DW_UT_type, address size, abbrev offset, signature, type offset.
        int tuStart = info.pos();
        info.u32(0).u16(5).u8(2).u8(8).u32(0).u64(sig);
        int typeOffsetAt = info.pos();
        info.u32(0);
        info.uleb(2);
        int structAt = info.pos() - tuStart;
        info.uleb(3).cstr("tu_struct").u8(8);
        info.uleb(4).cstr("lo").u32(0).u8(0); // type patched below
        int memberTypeAt = info.pos() - 5;
        info.uleb(4).cstr("hi").u32(0).u8(4);
        int memberTypeAt2 = info.pos() - 5;
        info.uleb(0);
        int baseAt = info.pos() - tuStart;
        info.uleb(5).cstr("unsigned int").u8(4).u8(7);
        info.uleb(0);
        byte[] tu = info.toArray();
        DwarfBytes.patch(tu, 0, 4, tu.length - 4, ByteOrder.LITTLE_ENDIAN);
        DwarfBytes.patch(tu, typeOffsetAt, 4, structAt, ByteOrder.LITTLE_ENDIAN);
        DwarfBytes.patch(tu, memberTypeAt, 4, baseAt, ByteOrder.LITTLE_ENDIAN);
        DwarfBytes.patch(tu, memberTypeAt2, 4, baseAt, ByteOrder.LITTLE_ENDIAN);

        DwarfBytes cu = new DwarfBytes(ByteOrder.LITTLE_ENDIAN);
        UnitWriter u = new UnitWriter(ByteOrder.LITTLE_ENDIAN, 4, 5, 8, cu);
        cu.uleb(1).cstr("user.c");
        u.label("stub");
        cu.uleb(6).cstr("tu_struct").u64(sig);
        cu.uleb(7).cstr("holder");
        u.ref4("stub");
        cu.uleb(0);
        byte[] cuBytes = u.finish();
        byte[] all = new byte[tu.length + cuBytes.length];
        System.arraycopy(tu, 0, all, 0, tu.length);
        System.arraycopy(cuBytes, 0, all, tu.length, cuBytes.length);

        Map<String, byte[]> s = new HashMap<>();
        s.put(".debug_info", all);
        s.put(".debug_abbrev", abbrev);
        DwarfInfo d = DwarfInfo.open(elf(ByteOrder.LITTLE_ENDIAN, s));
        StructType viaVariable = assertInstanceOf(StructType.class, d.variable("holder").orElseThrow().type());
        assertEquals(4, viaVariable.member("hi").orElseThrow().offset());
        assertFalse(viaVariable.isDeclaration());
        assertSame(viaVariable, d.type("struct tu_struct").orElseThrow());
        assertEquals(java.util.List.of("user.c"), d.compilationUnits());
    }
}
