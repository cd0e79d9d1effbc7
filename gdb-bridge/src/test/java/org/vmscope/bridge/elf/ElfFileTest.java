package org.vmscope.bridge.elf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** ElfFile against real compiler output, with readelf and the program's own data as oracles. */
class ElfFileTest {
    static Stream<TestPrograms.Target> targets() {
        return TestPrograms.targets().stream();
    }

    private static ElfFile build(TestPrograms.Target t) throws Exception {
        assumeTrue(t == TestPrograms.HOST || t.isAvailable(), t.compiler() + " is not installed");
        return ElfFile.open(TestPrograms.build(t, 5));
    }

    @ParameterizedTest
    @MethodSource("targets")
    void headerDescribesTheTarget(TestPrograms.Target t) throws Exception {
        ElfFile elf = build(t);
        assertEquals(t.machine(), elf.header().machine());
        assertEquals(t.machine().code(), elf.header().machineCode());
        assertEquals(t.is64(), elf.header().is64());
        assertEquals(t.order(), elf.header().order());
        assertEquals(ElfHeader.ET_EXEC, elf.header().type());
        assertEquals(elf.symtab().lookup("_start").orElseThrow().value(), elf.header().entry());
    }

    @ParameterizedTest
    @MethodSource("targets")
    void sectionsMatchReadelf(TestPrograms.Target t) throws Exception {
        ElfFile elf = build(t);
        Path path = TestPrograms.build(t, 5);
        List<Readelf.Section> expected = Readelf.sections(path);
        assertEquals(expected.size() + 1, elf.sections().size());
        for (Readelf.Section e : expected) {
            ElfSection s = elf.sections().get(e.index());
            assertEquals(e.name(), s.name());
            assertEquals(e.addr(), s.addr(), s.name());
            assertEquals(e.offset(), s.offset(), s.name());
            assertEquals(e.size(), s.size(), s.name());
        }
    }

    @ParameterizedTest
    @MethodSource("targets")
    void loadSegmentsMatchReadelf(TestPrograms.Target t) throws Exception {
        ElfFile elf = build(t);
        List<Readelf.Load> expected = Readelf.loads(TestPrograms.build(t, 5));
        List<ElfSegment> loads = elf.loadSegments();
        assertFalse(expected.isEmpty());
        assertEquals(expected.size(), loads.size());
        for (int i = 0; i < loads.size(); i++) {
            Readelf.Load e = expected.get(i);
            ElfSegment s = loads.get(i);
            assertEquals(e.offset(), s.offset());
            assertEquals(e.vaddr(), s.vaddr());
            assertEquals(e.paddr(), s.paddr());
            assertEquals(e.fileSize(), s.fileSize());
            assertEquals(e.memSize(), s.memSize());
            assertEquals(e.flags().contains("R"), s.isReadable());
            assertEquals(e.flags().contains("W"), s.isWritable());
            assertEquals(e.flags().contains("E"), s.isExecutable());
        }
    }

    @ParameterizedTest
    @MethodSource("targets")
    void symbolsMatchReadelf(TestPrograms.Target t) throws Exception {
        ElfFile elf = build(t);
        List<Readelf.Symbol> expected = Readelf.symbols(TestPrograms.build(t, 5)).stream()
                .filter(s -> s.table().equals(".symtab")).toList();
        List<ElfSymbol> actual = elf.symtab().all();
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < actual.size(); i++) {
            Readelf.Symbol e = expected.get(i);
            ElfSymbol a = actual.get(i);
            if (a.type() != ElfSymbol.STT_SECTION) { // readelf prints section symbols by section name
                assertEquals(e.name(), a.name());
            }
            assertEquals(e.value(), a.value(), e.name());
            assertEquals(e.size(), a.size(), e.name());
            assertEquals(e.bind(), switch (a.binding()) {
                case ElfSymbol.STB_LOCAL -> "LOCAL";
                case ElfSymbol.STB_GLOBAL -> "GLOBAL";
                case ElfSymbol.STB_WEAK -> "WEAK";
                default -> "?";
            }, e.name());
            assertEquals(e.type(), switch (a.type()) {
                case ElfSymbol.STT_NOTYPE -> "NOTYPE";
                case ElfSymbol.STT_OBJECT -> "OBJECT";
                case ElfSymbol.STT_FUNC -> "FUNC";
                case ElfSymbol.STT_SECTION -> "SECTION";
                case ElfSymbol.STT_FILE -> "FILE";
                default -> "?";
            }, e.name());
        }
    }

    @ParameterizedTest
    @MethodSource("targets")
    void fileStaticsAreFoundByTheirFile(TestPrograms.Target t) throws Exception {
        ElfFile elf = build(t);
        ElfSymbol first = elf.symtab().lookup("counter", "phoenix_like.c").orElseThrow();
        ElfSymbol second = elf.symtab().lookup("counter", "/some/dir/other_unit.c").orElseThrow();
        assertEquals("phoenix_like.c", first.file());
        assertEquals("other_unit.c", second.file());
        assertTrue(first.isLocal() && second.isLocal());
        assertEquals(2, elf.symtab().lookupAll("counter").size());
        assertEquals(11, u32(elf, first));
        assertEquals(22, u32(elf, second));
        assertTrue(elf.symtab().lookup("counter", "nowhere.c").isEmpty());
        // A global is visible from any file.
        assertTrue(elf.symtab().lookup("kernel_map", "other_unit.c").isPresent());
    }

    private static long u32(ElfFile elf, ElfSymbol s) throws ElfFormatException {
        return ByteBuffer.wrap(elf.bytesOf(s).orElseThrow()).order(elf.header().order()).getInt() & 0xffffffffL;
    }

    @ParameterizedTest
    @MethodSource("targets")
    void addressLookupFindsTheContainingSymbol(TestPrograms.Target t) throws Exception {
        ElfFile elf = build(t);
        ElfSymbol facts = elf.symtab().lookup("layout_facts").orElseThrow();
        assertEquals("layout_facts", elf.symtab().symbolAt(facts.value()).orElseThrow().name());
        assertEquals("layout_facts", elf.symtab().symbolAt(facts.value() + facts.size() - 1).orElseThrow().name());
        ElfSymbol pool = elf.symtab().lookup("page_pool").orElseThrow();
        assertEquals("page_pool", elf.symbols().symbolAt(pool.value() + 5).orElseThrow().name());
        ElfSymbol start = elf.symtab().lookup("_start").orElseThrow();
        assertEquals(ElfSymbol.STT_FUNC, start.type());
        assertEquals("_start", elf.symtab().symbolAt(start.value()).orElseThrow().name());
    }

    @ParameterizedTest
    @MethodSource("targets")
    void initialisedDataReadsThroughSegmentsAndSections(TestPrograms.Target t) throws Exception {
        ElfFile elf = build(t);
        ElfSymbol ptr = elf.symtab().lookup("counter_ptr").orElseThrow();
        byte[] bytes = elf.readVirtual(ptr.value(), (int) ptr.size()).orElseThrow();
        ByteBuffer b = ByteBuffer.wrap(bytes).order(elf.header().order());
        long pointee = t.is64() ? b.getLong() : b.getInt() & 0xffffffffL;
        // counter_ptr = &counter: the pointer's initial value is the static's address.
        assertEquals(elf.symtab().lookup("counter", "phoenix_like.c").orElseThrow().value(), pointee);
        // .bss reads as zeros (inside memsz, beyond filesz).
        ElfSymbol pool = elf.symtab().lookup("page_pool").orElseThrow();
        assertArrayEquals(new byte[(int) pool.size()], elf.bytesOf(pool).orElseThrow());
        long end = elf.loadSegments().stream().mapToLong(s -> s.vaddr() + s.memSize()).max().orElseThrow();
        assertTrue(elf.readVirtual(end + 0x10000, 4).isEmpty());
        assertTrue(elf.readVirtual(end - 2, 4).isEmpty(), "a read straddling the end of the image");
    }

    @Test
    void machineCodesDecode() {
        assertEquals(ElfMachine.I386, ElfMachine.fromCode(3));
        assertEquals(ElfMachine.X86_64, ElfMachine.fromCode(62));
        assertEquals(ElfMachine.ARM, ElfMachine.fromCode(40));
        assertEquals(ElfMachine.AARCH64, ElfMachine.fromCode(183));
        assertEquals(ElfMachine.RISCV, ElfMachine.fromCode(243));
        assertEquals(ElfMachine.SPARC, ElfMachine.fromCode(2));
        assertEquals(ElfMachine.UNKNOWN, ElfMachine.fromCode(0x7777));
    }

    /** objcopy --decompress-debug-sections is the oracle for what the inflated sections must hold. */
    private static ElfFile decompressedByObjcopy(Path packed) throws Exception {
        Path out = packed.resolveSibling(packed.getFileName() + ".objcopy");
        if (!Files.exists(out)) {
            TestPrograms.run(List.of("objcopy", "--decompress-debug-sections", packed.toString(), out.toString()));
        }
        return ElfFile.open(out);
    }

    @Test
    void compressedDebugSectionsInflateToWhatObjcopyGives() throws Exception {
        Path packed = TestPrograms.build(TestPrograms.HOST, 5, "-gz=zlib");
        ElfFile b = ElfFile.open(packed);
        ElfFile a = decompressedByObjcopy(packed);
        ElfSection infoA = a.section(".debug_info").orElseThrow();
        ElfSection infoB = b.section(".debug_info").orElseThrow();
        assertFalse(infoA.isCompressed());
        assertTrue(infoB.isCompressed());
        assertTrue(infoB.size() < infoA.size());
        for (String name : List.of(".debug_info", ".debug_abbrev", ".debug_str", ".debug_line")) {
            ByteBuffer x = a.sectionData(a.section(name).orElseThrow());
            ByteBuffer y = b.sectionData(b.section(name).orElseThrow());
            assertEquals(0, x.compareTo(y), name);
            assertEquals(x.limit(), y.limit(), name);
        }
    }

    @Test
    void legacyZdebugSectionsInflate() throws Exception {
        Path packed;
        try {
            packed = TestPrograms.build(TestPrograms.HOST, 4, "-gz=zlib-gnu");
        } catch (java.io.IOException e) {
            assumeTrue(false, "toolchain cannot emit zlib-gnu: " + e.getMessage());
            return;
        }
        ElfFile b = ElfFile.open(packed);
        assumeTrue(b.section(".zdebug_info").isPresent(), "linker did not keep .zdebug sections");
        ElfFile a = decompressedByObjcopy(packed);
        ByteBuffer x = a.sectionData(a.section(".debug_info").orElseThrow());
        ByteBuffer y = b.sectionData(b.section(".zdebug_info").orElseThrow());
        assertEquals(x.limit(), y.limit());
        assertEquals(0, x.compareTo(y));
    }

    @Test
    void openRejectsNonElfFiles() throws Exception {
        Path tmp = Files.createTempFile("not-elf", ".bin");
        try {
            Files.writeString(tmp, "#!/bin/sh\necho this is not an ELF file at all, only text\n");
            ElfFormatException e = org.junit.jupiter.api.Assertions.assertThrows(ElfFormatException.class,
                    () -> ElfFile.open(tmp));
            assertTrue(e.getMessage().toLowerCase(Locale.ROOT).contains("magic"), e.getMessage());
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
