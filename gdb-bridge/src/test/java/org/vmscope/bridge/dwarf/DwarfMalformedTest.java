package org.vmscope.bridge.dwarf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.vmscope.bridge.elf.CompilerFacts;
import org.vmscope.bridge.elf.ElfFile;
import org.vmscope.bridge.elf.ElfFormatException;
import org.vmscope.bridge.elf.ElfSection;
import org.vmscope.bridge.elf.TestPrograms;

/** Damaged or unusual gcc output: only the documented exceptions may come out, and every call returns. */
class DwarfMalformedTest {
    private static final List<String> TYPES = List.of("page_t", "map_entry_t", "vm_map_t", "vm_object_t",
            "pmap_table_t", "enum map_flags", "struct never_defined", "rbnode_t");
    private static final List<String> VARIABLES = List.of("kernel_map", "page_pool", "counter", "entry_sample",
            "other_map_ptr", "layout_facts");

    @Test
    void randomDamageToDebugSectionsNeverEscapes() throws Exception {
        for (int version : new int[] {4, 5}) {
            byte[] elf = Files.readAllBytes(TestPrograms.build(TestPrograms.HOST, version));
            ElfFile clean = ElfFile.parse(elf.clone());
            List<ElfSection> targets = new ArrayList<>();
            for (String name : List.of(".debug_info", ".debug_abbrev", ".debug_str", ".debug_line_str")) {
                clean.section(name).ifPresent(targets::add);
            }
            Random rnd = new Random(7 + version);
            for (int round = 0; round < 300; round++) {
                byte[] c = elf.clone();
                ElfSection s = targets.get(rnd.nextInt(targets.size()));
                int changes = 1 + rnd.nextInt(6);
                for (int i = 0; i < changes; i++) {
                    int at = (int) (s.offset() + rnd.nextInt((int) s.size()));
                    c[at] = (byte) rnd.nextInt(256);
                }
                exercise(c);
            }
        }
    }

    static void exercise(byte[] image) throws ElfFormatException {
        ElfFile f = ElfFile.parse(image);
        DwarfInfo d;
        try {
            d = DwarfInfo.open(f);
        } catch (DwarfFormatException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isEmpty());
            return;
        }
        DwarfLayout layout = new DwarfLayout(d);
        for (String t : TYPES) {
            try {
                d.type(t).ifPresent(DwarfType::displayName);
                layout.find(t).ifPresent(TypeLayout::fields);
            } catch (DwarfFormatException | LayoutException e) {
                // expected for damaged input
            }
        }
        for (String v : VARIABLES) {
            try {
                d.variable(v);
                d.variable(v, "other_unit.c");
            } catch (DwarfFormatException e) {
                // expected for damaged input
            }
        }
        for (String name : d.typeNames()) {
            try {
                d.type(name).ifPresent(DwarfType::byteSize);
            } catch (DwarfFormatException e) {
                // expected
            }
        }
    }

    @Test
    void aDebugSectionPastTheEndOfTheFileIsAClearError() throws Exception {
        byte[] elf = Files.readAllBytes(TestPrograms.build(TestPrograms.HOST, 5));
        ElfSection info = ElfFile.parse(elf.clone()).section(".debug_info").orElseThrow();
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(elf).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long shoff = b.getLong(40);
        b.putLong((int) (shoff + info.index() * 64L + 32), elf.length * 2L); // sh_size
        DwarfFormatException e = assertThrows(DwarfFormatException.class,
                () -> DwarfInfo.open(ElfFile.parse(elf)));
        assertTrue(e.getMessage().contains(".debug_info"), e.getMessage());
        assertTrue(e.getCause() instanceof ElfFormatException);
    }

    @Test
    void unlinkedRelaObjectsAreRefusedWithAReason() throws Exception {
        Path obj = compileObject(TestPrograms.HOST);
        DwarfFormatException e = assertThrows(DwarfFormatException.class, () -> DwarfInfo.open(ElfFile.open(obj)));
        assertTrue(e.getMessage().contains("relocat"), e.getMessage());
    }

    @Test
    void unlinkedRelObjectsCarryTheirAddendsInPlace() throws Exception {
        TestPrograms.Target i686 = TestPrograms.targets().stream().filter(t -> t.id().equals("i686")).findFirst()
                .orElseThrow();
        assumeTrue(i686.isAvailable(), "i686-linux-gnu-gcc is not installed");
        ElfFile elf = ElfFile.open(compileObject(i686));
        Map<String, Long> facts = CompilerFacts.read(elf);
        Layout layout = new DwarfLayout(DwarfInfo.open(elf));
        assertEquals(facts.get("size|map_entry_t"), layout.sizeOf("map_entry_t"));
        assertEquals(facts.get("offset|page_t|prev"), layout.offsetOf("page_t", "prev"));
        assertEquals(facts.get("offset|vm_object_t|pages"), layout.offsetOf("vm_object_t", "pages"));
    }

    private static Path compileObject(TestPrograms.Target t) throws Exception {
        Path exe = TestPrograms.build(t, 5);
        Path obj = exe.resolveSibling(t.id() + "-phoenix_like.o");
        if (!Files.exists(obj)) {
            List<String> cmd = new ArrayList<>(List.of(t.compiler(), "-c", "-O0", "-g", "-gdwarf-5", "-o",
                    obj.toString()));
            cmd.addAll(t.flags());
            cmd.add(TestPrograms.source("phoenix_like.c").toString());
            TestPrograms.run(cmd);
        }
        return obj;
    }
}
