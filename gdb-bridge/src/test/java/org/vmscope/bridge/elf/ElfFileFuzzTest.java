package org.vmscope.bridge.elf;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the ELF reader with arbitrary files (the corpus holds small linked images of both classes and
 * byte orders, one with compressed sections): headers, section and segment tables, symbol tables, section
 * data and virtual reads. Only {@link ElfFormatException} may come out.
 */
class ElfFileFuzzTest {

    @FuzzTest(maxDuration = "2m")
    void anyImageParsesOrFailsClearly(byte[] image) {
        ElfMalformedTest.exercise(image);
        try {
            ElfFile f = ElfFile.parse(image);
            for (ElfSegment s : f.loadSegments()) {
                f.readVirtual(s.vaddr(), (int) Math.min(64, s.memSize()));
            }
        } catch (ElfFormatException e) {
            // the documented failure; exercise() checked its message
        }
    }
}
