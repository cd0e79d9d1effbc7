package org.vmscope.bridge.dwarf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vmscope.bridge.elf.CompilerFacts;
import org.vmscope.bridge.elf.ElfFile;
import org.vmscope.bridge.elf.ElfSymbol;
import org.vmscope.bridge.elf.TestPrograms;

/**
 * DwarfInfo and DwarfLayout against gcc output for every installed target, DWARF 4 and 5. The oracle
 * is the compiler itself (sizeof/offsetof/enum values stored in the program) plus the symbol table.
 */
class DwarfGccTest {
    static Stream<Arguments> targetsAndVersions() {
        return TestPrograms.targetsAndVersions();
    }

    private record Built(ElfFile elf, DwarfInfo dwarf, Map<String, Long> facts) {
    }

    private static Built build(TestPrograms.Target t, int version, String... extra) throws Exception {
        assumeTrue(t == TestPrograms.HOST || t.isAvailable(), t.compiler() + " is not installed");
        ElfFile elf = ElfFile.open(TestPrograms.build(t, version, extra));
        return new Built(elf, DwarfInfo.open(elf), CompilerFacts.read(elf));
    }

    @ParameterizedTest(name = "{0} DWARF {1}")
    @MethodSource("targetsAndVersions")
    void layoutAgreesWithTheCompilersOwnOffsetofAndSizeof(TestPrograms.Target t, int version) throws Exception {
        Built b = build(t, version);
        assertEquals(java.util.Set.of(version), b.dwarf().versions());
        assertEquals(t.is64() ? 8 : 4, b.dwarf().addressSize());
        Layout layout = new DwarfLayout(b.dwarf());
        int checked = 0;
        for (Map.Entry<String, Long> fact : b.facts().entrySet()) {
            String[] k = fact.getKey().split("\\|");
            long expected = fact.getValue();
            switch (k[0]) {
                case "size" -> assertEquals(expected, layout.sizeOf(k[1]), fact.getKey());
                case "offset" -> assertEquals(expected, layout.offsetOf(k[1], k[2]), fact.getKey());
                case "value" -> {
                    EnumType e = (EnumType) b.dwarf().type("enum map_flags").orElseThrow();
                    assertEquals(OptionalLong.of(expected), e.valueOf(k[1]), fact.getKey());
                }
                default -> throw new AssertionError(fact.getKey());
            }
            checked++;
        }
        assertTrue(checked > 40, "only " + checked + " facts");
    }

    @ParameterizedTest(name = "{0} DWARF {1}")
    @MethodSource("targetsAndVersions")
    void pageTypeIsSelfReferential(TestPrograms.Target t, int version) throws Exception {
        Built b = build(t, version);
        DwarfType pageT = b.dwarf().type("page_t").orElseThrow();
        TypedefType td = assertInstanceOf(TypedefType.class, pageT);
        StructType page = assertInstanceOf(StructType.class, td.target());
        assertEquals("_page_t", page.name());
        assertSame(page, b.dwarf().type("struct _page_t").orElseThrow());
        assertEquals(List.of("addr", "next", "prev", "idx", "flags"),
                page.members().stream().map(Member::name).toList());
        PointerType next = assertInstanceOf(PointerType.class, page.member("next").orElseThrow().type());
        assertSame(page, next.target(), "struct _page_t *next points back at the same struct");
        assertEquals(OptionalLong.of(t.is64() ? 8 : 4), next.byteSize());
        Member idx = page.member("idx").orElseThrow();
        assertEquals("u8", idx.type().name());
        BaseType uchar = assertInstanceOf(BaseType.class, idx.type().unqualified());
        assertEquals(OptionalLong.of(1), uchar.byteSize());
        assertFalse(uchar.isSigned());
        assertFalse(idx.isBitfield());
        assertTrue(page.member("nothing").isEmpty());
    }

    @ParameterizedTest(name = "{0} DWARF {1}")
    @MethodSource("targetsAndVersions")
    void bitfieldsDecodeTheInitialisedValues(TestPrograms.Target t, int version) throws Exception {
        Built b = build(t, version);
        StructType entry = b.dwarf().struct("map_entry_t").orElseThrow();
        ElfSymbol sample = b.elf().symtab().lookup("entry_sample").orElseThrow();
        byte[] bytes = b.elf().bytesOf(sample).orElseThrow();
        var order = b.elf().header().order();
        // Values from the C initialiser of entry_sample.
        Member prot = entry.member("prot").orElseThrow();
        assertTrue(prot.isBitfield());
        assertEquals(3, prot.bitSize());
        assertEquals(5, Bitfields.extract(bytes, prot.bitOffset(), prot.bitSize(), order));
        Member orig = entry.member("protOrig").orElseThrow();
        assertEquals(2, Bitfields.extract(bytes, orig.bitOffset(), orig.bitSize(), order));
        Member flags = entry.member("flags").orElseThrow();
        assertEquals(10, flags.bitSize());
        assertEquals(0x2a5, Bitfields.extract(bytes, flags.bitOffset(), flags.bitSize(), order));
        Member signed = entry.member("signedBits").orElseThrow();
        assertEquals(-7, Bitfields.extractSigned(bytes, signed.bitOffset(), signed.bitSize(), order));
        assertEquals(signed.bitOffset() / 8, signed.offset());
        // The enum right after the bitfields is a plain member.
        Member mflags = entry.member("mflags").orElseThrow();
        EnumType e = assertInstanceOf(EnumType.class, mflags.type());
        // ARM EABI uses short enums: the size comes from DWARF and must match sizeof(enum map_flags).
        long enumSize = e.byteSize().orElseThrow();
        assertEquals(b.facts().get("size|enum map_flags"), enumSize);
        ByteBuffer bb = ByteBuffer.wrap(bytes).order(order);
        long raw = enumSize == 1 ? bb.get((int) mflags.offset()) : enumSize == 2 ? bb.getShort((int) mflags.offset())
                : bb.getInt((int) mflags.offset());
        assertEquals(4, raw);
        assertEquals("MAP_FIXED", e.nameOf(4).orElseThrow());
        assertEquals(OptionalLong.of(-2), e.valueOf("MAP_NEGATIVE"));
        assertEquals(4, e.values().size());
    }

    @ParameterizedTest(name = "{0} DWARF {1}")
    @MethodSource("targetsAndVersions")
    void unionsAnonymousMembersAndQualifiers(TestPrograms.Target t, int version) throws Exception {
        Built b = build(t, version);
        StructType entry = b.dwarf().struct("map_entry_t").orElseThrow();
        StructType u = assertInstanceOf(StructType.class, entry.member("u").orElseThrow().type());
        assertTrue(u.isUnion());
        assertEquals(0, u.member("vaddr").orElseThrow().offset());
        assertEquals(0, u.member("half").orElseThrow().offset());
        // "size" and "object" live in an anonymous union: found through it, offsets relative to map_entry_t.
        assertEquals(entry.member("size").orElseThrow().offset(), entry.member("object").orElseThrow().offset());
        assertEquals(b.facts().get("offset|map_entry_t|size"), entry.member("size").orElseThrow().offset());
        assertTrue(entry.members().stream().anyMatch(Member::isAnonymous));

        StructType map = b.dwarf().struct("vm_map_t").orElseThrow();
        QualifiedType lock = assertInstanceOf(QualifiedType.class, map.member("lock").orElseThrow().type());
        assertEquals(QualifiedType.Qualifier.VOLATILE, lock.qualifier());
        assertEquals("int", lock.target().name());
        PointerType name = assertInstanceOf(PointerType.class, map.member("name").orElseThrow().type());
        QualifiedType constChar = assertInstanceOf(QualifiedType.class, name.target());
        assertEquals(QualifiedType.Qualifier.CONST, constChar.qualifier());
        PointerType cmp = assertInstanceOf(PointerType.class, map.member("cmp").orElseThrow().type());
        assertInstanceOf(SubroutineType.class, cmp.target());
        PointerType start = assertInstanceOf(PointerType.class, map.member("start").orElseThrow().type());
        assertSame(VoidType.INSTANCE, start.target());
    }

    @ParameterizedTest(name = "{0} DWARF {1}")
    @MethodSource("targetsAndVersions")
    void arraysFlexibleMultiDimensionalAndEmpty(TestPrograms.Target t, int version) throws Exception {
        Built b = build(t, version);
        StructType object = b.dwarf().struct("vm_object_t").orElseThrow();
        ArrayType pages = assertInstanceOf(ArrayType.class, object.member("pages").orElseThrow().type());
        assertTrue(pages.isFlexible());
        assertTrue(pages.byteSize().isEmpty());
        PointerType elem = assertInstanceOf(PointerType.class, pages.element());
        assertEquals("page_t", elem.target().name());
        assertEquals(0, new DwarfLayout(b.dwarf()).field("vm_object_t", "pages").size());

        StructType pmap = b.dwarf().struct("pmap_table_t").orElseThrow();
        assertEquals("", pmap.name(), "typedef of an anonymous struct");
        ArrayType ptab = assertInstanceOf(ArrayType.class, pmap.member("ptab").orElseThrow().type());
        assertEquals(2, ptab.dimensions().size());
        assertEquals(OptionalLong.of(4), ptab.dimensions().get(0).count());
        assertEquals(OptionalLong.of(8), ptab.dimensions().get(1).count());
        assertEquals(OptionalLong.of(32), ptab.elementCount());
        assertEquals("u32", ptab.element().name());
        assertEquals(OptionalLong.of(4 * 8 * 4), ptab.byteSize());
        ArrayType zero = assertInstanceOf(ArrayType.class, pmap.member("zero").orElseThrow().type());
        assertEquals(OptionalLong.of(0), zero.elementCount());
        assertEquals(OptionalLong.of(0), zero.byteSize());

        Variable pool = b.dwarf().variable("page_pool").orElseThrow();
        ArrayType poolType = assertInstanceOf(ArrayType.class, pool.type());
        assertEquals(OptionalLong.of(3), poolType.elementCount());
        assertEquals(b.elf().symtab().lookup("page_pool").orElseThrow().size(), poolType.byteSize().getAsLong());
    }

    @ParameterizedTest(name = "{0} DWARF {1}")
    @MethodSource("targetsAndVersions")
    void variablesHaveTheirSymbolAddresses(TestPrograms.Target t, int version) throws Exception {
        Built b = build(t, version);
        for (String name : List.of("kernel_map", "page_pool", "entry_sample", "layout_facts", "counter_ptr",
                "other_map_ptr")) {
            Variable v = b.dwarf().variable(name).orElseThrow(() -> new AssertionError(name));
            assertEquals(b.elf().symtab().lookup(name).orElseThrow().value(), v.address().orElseThrow(), name);
            assertTrue(v.external(), name);
        }
        // kernel_map is declared extern first, so its definition DIE carries DW_AT_specification.
        Variable km = b.dwarf().variable("kernel_map").orElseThrow();
        assertEquals("vm_map_t", km.type().name());
        assertTrue(km.compilationUnit().endsWith("phoenix_like.c"));
    }

    @ParameterizedTest(name = "{0} DWARF {1}")
    @MethodSource("targetsAndVersions")
    void fileStaticsResolvePerCompilationUnit(TestPrograms.Target t, int version) throws Exception {
        Built b = build(t, version);
        Variable mine = b.dwarf().variable("counter", "phoenix_like.c").orElseThrow();
        Variable theirs = b.dwarf().variable("counter", "other_unit.c").orElseThrow();
        assertFalse(mine.external());
        assertEquals(b.elf().symtab().lookup("counter", "phoenix_like.c").orElseThrow().value(),
                mine.address().orElseThrow());
        assertEquals(b.elf().symtab().lookup("counter", "other_unit.c").orElseThrow().value(),
                theirs.address().orElseThrow());
        assertEquals("unsigned int", theirs.type().name());
        assertEquals(2, b.dwarf().variables("counter").size());
        assertTrue(b.dwarf().variable("counter", "missing.c").isEmpty());
        assertEquals(2, b.dwarf().compilationUnits().size());
    }

    @ParameterizedTest(name = "{0} DWARF {1}")
    @MethodSource("targetsAndVersions")
    void declarationsResolveToDefinitionsByName(TestPrograms.Target t, int version) throws Exception {
        Built b = build(t, version);
        // other_unit.c only declares struct _vm_map_t; the definition lives in phoenix_like.c's unit.
        PointerType p = assertInstanceOf(PointerType.class, b.dwarf().variable("other_map_ptr").orElseThrow().type());
        StructType map = assertInstanceOf(StructType.class, p.target());
        assertFalse(map.isDeclaration());
        assertTrue(map.member("root").isPresent());
        // A struct that is never defined stays a declaration, and a layout refuses to invent its size.
        StructType never = assertInstanceOf(StructType.class, b.dwarf().type("struct never_defined").orElseThrow());
        assertTrue(never.isDeclaration());
        assertTrue(never.members().isEmpty());
        LayoutException e = assertThrows(LayoutException.class,
                () -> new DwarfLayout(b.dwarf()).sizeOf("struct never_defined"));
        assertTrue(e.getMessage().contains("declaration"), e.getMessage());
    }

    @Test
    void compressedDebugInfoGivesTheSameAnswers() throws Exception {
        Built plain = build(TestPrograms.HOST, 5);
        Built packed = build(TestPrograms.HOST, 5, "-gz=zlib");
        assertTrue(packed.elf().section(".debug_info").orElseThrow().isCompressed());
        Layout a = new DwarfLayout(plain.dwarf());
        Layout c = new DwarfLayout(packed.dwarf());
        for (String type : List.of("page_t", "map_entry_t", "vm_map_t", "vm_object_t", "pmap_table_t")) {
            assertEquals(a.find(type), c.find(type), type);
        }
    }

    @Test
    void lookupConventions() throws Exception {
        Built b = build(TestPrograms.HOST, 5);
        DwarfInfo d = b.dwarf();
        assertInstanceOf(TypedefType.class, d.type("page_t").orElseThrow());
        assertInstanceOf(StructType.class, d.type("struct   _page_t").orElseThrow());
        // A bare tag name falls back to the tagged type when no typedef has that name.
        assertInstanceOf(StructType.class, d.type("_page_t").orElseThrow());
        assertInstanceOf(EnumType.class, d.type("map_flags").orElseThrow());
        assertTrue(d.type("union _page_t").isEmpty());
        assertTrue(d.type("no_such_type").isEmpty());
        assertInstanceOf(BaseType.class, d.type("unsigned int").orElseThrow());
        assertTrue(d.typeNames().contains("struct _page_t"));
        assertTrue(d.variableNames().contains("kernel_map"));
        assertTrue(d.variable("no_such_variable").isEmpty());
    }

    @Test
    void anElfWithoutDwarfSaysWhatIsMissing() throws Exception {
        ElfFile elf = ElfFile.open(TestPrograms.compile(TestPrograms.HOST, List.of("-g0"), TestPrograms.SOURCES));
        MissingDwarfException e = assertThrows(MissingDwarfException.class, () -> DwarfInfo.open(elf));
        assertTrue(e.getMessage().contains(".debug_info"), e.getMessage());
        assertTrue(e.getMessage().contains("no DWARF"), e.getMessage());
    }

    @Test
    void splitDwarfObjectsUseIndexedStrings() throws Exception {
        // -gsplit-dwarf puts the types into a .dwo whose strings are DW_FORM_strx.
        java.nio.file.Path exe = TestPrograms.compile(TestPrograms.HOST, List.of("-g", "-gdwarf-5", "-gsplit-dwarf"),
                List.of("phoenix_like.c"));
        java.nio.file.Path dir = exe.getParent();
        java.nio.file.Path dwo;
        try (Stream<java.nio.file.Path> s = java.nio.file.Files.list(dir)) {
            dwo = s.filter(p -> p.getFileName().toString().contains("phoenix_like") && p.toString().endsWith(".dwo"))
                    .findFirst().orElse(null);
        }
        if (dwo == null) {
            dwo = java.nio.file.Path.of(exe + "-phoenix_like.dwo");
        }
        assumeTrue(java.nio.file.Files.exists(dwo), "gcc put the .dwo somewhere else");
        DwarfInfo d = DwarfInfo.open(ElfFile.open(dwo));
        Map<String, Long> facts = CompilerFacts.read(ElfFile.open(exe));
        Layout layout = new DwarfLayout(d);
        assertEquals(facts.get("size|map_entry_t"), layout.sizeOf("map_entry_t"));
        assertEquals(facts.get("offset|vm_map_t|cmp"), layout.offsetOf("vm_map_t", "cmp"));
    }
}
