package org.vmscope.bridge.dwarf;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.vmscope.bridge.elf.ElfFormatException;

/**
 * Fuzzes the DWARF reader with arbitrary ELF files carrying debug sections (the corpus holds small gcc
 * outputs, DWARF 4 and 5, little and big endian): unit headers, abbreviations, DIE trees, type and variable
 * lookups and struct layouts. Only {@link DwarfFormatException} (and {@link ElfFormatException} for the
 * container) may come out.
 */
class DwarfInfoFuzzTest {

    @FuzzTest(maxDuration = "2m")
    void anyDebugInfoDecodesOrFailsClearly(byte[] image) {
        try {
            DwarfMalformedTest.exercise(image);
        } catch (ElfFormatException e) {
            // not an ELF file: the ELF reader's documented failure
        }
    }
}
