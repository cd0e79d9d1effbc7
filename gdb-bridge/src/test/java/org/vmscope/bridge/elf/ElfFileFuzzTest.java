package org.vmscope.bridge.elf;

import static org.junit.jupiter.api.Assertions.assertTrue;

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
                // the start of each segment, and a read of all it claims when that exceeds the cap
                f.readVirtual(s.vaddr(), Long.compareUnsigned(s.memSize(), 64) < 0 ? (int) s.memSize() : 64);
                if (Long.compareUnsigned(s.memSize(), ElfFile.MAX_READ_BYTES) > 0) {
                    int claimed = Long.compareUnsigned(s.memSize(), Integer.MAX_VALUE) < 0 ? (int) s.memSize()
                            : Integer.MAX_VALUE;
                    try {
                        f.readVirtual(s.vaddr(), claimed);
                        throw new AssertionError("a read of " + claimed + " bytes was not refused");
                    } catch (ElfFormatException e) {
                        assertTrue(e.getMessage().contains("larger than"), e.getMessage());
                    }
                }
            }
        } catch (ElfFormatException e) {
            // the documented failure; exercise() checked its message
        }
    }
}
