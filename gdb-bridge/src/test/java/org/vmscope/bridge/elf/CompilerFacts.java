package org.vmscope.bridge.elf;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads back the compiler's own answers: layout_facts[] (sizeof/offsetof/enum values as 64-bit
 * numbers) and layout_fact_names ("size|T", "offset|T|M", "value|E" lines) from the linked ELF.
 */
public final class CompilerFacts {
    private CompilerFacts() {
    }

    public static Map<String, Long> read(ElfFile elf) throws ElfFormatException {
        ElfSymbol factsSym = elf.symtab().lookup("layout_facts").orElseThrow();
        ElfSymbol namesSym = elf.symtab().lookup("layout_fact_names").orElseThrow();
        byte[] facts = elf.bytesOf(factsSym).orElseThrow();
        byte[] names = elf.bytesOf(namesSym).orElseThrow();
        String[] lines = new String(names, StandardCharsets.US_ASCII).replace("\0", "").split("\n");
        if (lines.length * 8 != facts.length) {
            throw new AssertionError(lines.length + " fact names but " + facts.length / 8 + " values");
        }
        ByteBuffer b = ByteBuffer.wrap(facts).order(elf.header().order());
        Map<String, Long> out = new LinkedHashMap<>();
        for (int i = 0; i < lines.length; i++) {
            out.put(lines[i], b.getLong(i * 8));
        }
        return out;
    }
}
