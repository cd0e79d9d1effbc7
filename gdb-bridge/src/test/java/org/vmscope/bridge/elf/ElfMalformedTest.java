package org.vmscope.bridge.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.Deflater;

import org.junit.jupiter.api.Test;

/** Bad input must end as an ElfFormatException with a useful message, never as another exception. */
class ElfMalformedTest {
    private static byte[] hostElf() throws Exception {
        return Files.readAllBytes(TestPrograms.build(TestPrograms.HOST, 5));
    }

    private static String fails(byte[] image) {
        return assertThrows(ElfFormatException.class, () -> ElfFile.parse(image)).getMessage();
    }

    @Test
    void truncatedFilesAreRejected() throws Exception {
        byte[] elf = hostElf();
        for (int len : new int[] {0, 3, 15, 16, 40, 63}) {
            String msg = fails(Arrays.copyOf(elf, len));
            assertTrue(msg.contains("truncated") || msg.contains("magic"), len + ": " + msg);
        }
        // The section header table sits at the end: cutting the file loses it.
        assertTrue(fails(Arrays.copyOf(elf, elf.length / 2)).contains("section header table"));
        assertTrue(fails(Arrays.copyOf(elf, elf.length - 1)).contains("outside the file"));
    }

    @Test
    void identificationBytesAreValidated() throws Exception {
        byte[] elf = hostElf();
        byte[] c = elf.clone();
        c[4] = 3;
        assertTrue(fails(c).contains("class 3"));
        c = elf.clone();
        c[5] = 0;
        assertTrue(fails(c).contains("data encoding"));
        c = elf.clone();
        c[6] = 2;
        assertTrue(fails(c).contains("version"));
        c = elf.clone();
        c[1] = 'X';
        assertTrue(fails(c).contains("magic"));
    }

    @Test
    void headerTablesOutsideTheFileAreRejected() throws Exception {
        byte[] elf = hostElf();
        ByteBuffer b = ByteBuffer.wrap(elf.clone()).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(40, elf.length + 100L); // e_shoff
        assertTrue(fails(b.array()).contains("section header table"));

        b = ByteBuffer.wrap(elf.clone()).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(40, -64L); // e_shoff with the top bit set
        assertTrue(fails(b.array()).contains("outside the file"));

        b = ByteBuffer.wrap(elf.clone()).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(32, elf.length - 8L); // e_phoff: the table would run past the end
        assertTrue(fails(b.array()).contains("program header table"));

        b = ByteBuffer.wrap(elf.clone()).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(58, (short) 12); // e_shentsize too small
        assertTrue(fails(b.array()).contains("e_shentsize"));

        b = ByteBuffer.wrap(elf.clone()).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(62, (short) 999); // e_shstrndx
        assertTrue(fails(b.array()).contains("e_shstrndx"));
    }

    @Test
    void aSectionPastTheEndFailsWhenItsDataIsRead() throws Exception {
        byte[] elf = hostElf();
        ElfFile ok = ElfFile.parse(elf.clone());
        ElfSection info = ok.section(".debug_info").orElseThrow();
        ByteBuffer b = ByteBuffer.wrap(elf.clone()).order(ByteOrder.LITTLE_ENDIAN);
        long shoff = b.getLong(40);
        int at = (int) (shoff + info.index() * 64L);
        b.putLong(at + 24, elf.length + 4096L); // sh_offset
        ElfFile bad = ElfFile.parse(b.array());
        ElfFormatException e = assertThrows(ElfFormatException.class,
                () -> bad.sectionData(bad.section(".debug_info").orElseThrow()));
        assertTrue(e.getMessage().contains(".debug_info") && e.getMessage().contains("outside the file"),
                e.getMessage());
        // Other sections still read.
        assertTrue(bad.sectionData(bad.section(".debug_abbrev").orElseThrow()).remaining() > 0);
    }

    @Test
    void brokenSymbolTablesAreRejected() throws Exception {
        byte[] elf = hostElf();
        ElfFile ok = ElfFile.parse(elf.clone());
        ElfSection symtab = ok.section(".symtab").orElseThrow();
        long shoff = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN).getLong(40);
        int at = (int) (shoff + symtab.index() * 64L);

        ByteBuffer b = ByteBuffer.wrap(elf.clone()).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(at + 40, 5000); // sh_link
        assertTrue(fails(b.array()).contains("string table index"));

        b = ByteBuffer.wrap(elf.clone()).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(at + 56, 3); // sh_entsize
        assertTrue(fails(b.array()).contains("entry size"));

        b = ByteBuffer.wrap(elf.clone()).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt((int) symtab.offset() + 24, 0x7fffff00); // st_name of symbol 1
        assertTrue(fails(b.array()).contains("name offset"));
    }

    @Test
    void corruptCompressedSectionsAreRejected() throws Exception {
        byte[] payload = new byte[4000];
        Arrays.fill(payload, (byte) 'x');
        byte[] z = deflate(payload);
        assertEquals(4000, ElfFile.parse(compressed(1, 4000, z)).sectionData(section(compressed(1, 4000, z)))
                .remaining());

        byte[] broken = z.clone();
        broken[broken.length / 2] ^= 0x55;
        broken[2] ^= 0x33;
        expectInflateError(compressed(1, 4000, broken));
        expectInflateError(compressed(1, 4000, Arrays.copyOf(z, z.length / 2)));
        expectInflateError(compressed(1, 5000, z)); // header claims more than the stream holds
        expectInflateError(compressed(1, 1L << 40, z)); // implausible size
        String zstd = expectInflateError(compressed(2, 4000, z));
        assertTrue(zstd.contains("zstd"), zstd);
    }

    private static ElfSection section(byte[] image) throws ElfFormatException {
        return ElfFile.parse(image).section(".debug_info").orElseThrow();
    }

    private static String expectInflateError(byte[] image) throws ElfFormatException {
        ElfFile f = ElfFile.parse(image);
        return assertThrows(ElfFormatException.class, () -> f.sectionData(f.section(".debug_info").orElseThrow()))
                .getMessage();
    }

    private static byte[] deflate(byte[] data) {
        Deflater d = new Deflater();
        d.setInput(data);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1024];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return out.toByteArray();
    }

    private static byte[] compressed(int chType, long size, byte[] z) {
        ByteBuffer chdr = ByteBuffer.allocate(24 + z.length).order(ByteOrder.LITTLE_ENDIAN);
        chdr.putInt(chType).putInt(0).putLong(size).putLong(1).put(z);
        return new ElfImage(true, ByteOrder.LITTLE_ENDIAN, 62, ElfHeader.ET_EXEC)
                .section(".debug_info", ElfSection.SHT_PROGBITS, ElfSection.SHF_COMPRESSED, chdr.array(), 0, 0, 0)
                .build();
    }

    @Test
    void craftedImagesOfBothClassesAndOrdersParse() throws Exception {
        for (boolean is64 : new boolean[] {false, true}) {
            for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
                byte[] img = new ElfImage(is64, order, 2, ElfHeader.ET_REL).section(".data", new byte[] {1, 2, 3})
                        .build();
                ElfFile f = ElfFile.parse(img);
                assertEquals(is64, f.header().is64());
                assertEquals(order, f.header().order());
                assertEquals(ElfMachine.SPARC, f.header().machine());
                ByteBuffer data = f.sectionData(f.section(".data").orElseThrow());
                assertEquals(3, data.remaining());
                assertEquals(3, data.get(2));
            }
        }
    }

    /** Random byte damage anywhere: only ElfFormatException may come out, and every call returns. */
    @Test
    void randomDamageNeverEscapesAsAnotherException() throws Exception {
        byte[] elf = hostElf();
        Random rnd = new Random(20240601L);
        for (int round = 0; round < 400; round++) {
            byte[] c = elf.clone();
            int changes = 1 + rnd.nextInt(8);
            for (int i = 0; i < changes; i++) {
                int at = round % 2 == 0 ? rnd.nextInt(Math.min(c.length, 64)) : rnd.nextInt(c.length);
                c[at] = (byte) rnd.nextInt(256);
            }
            exercise(c);
        }
        for (int round = 0; round < 200; round++) {
            byte[] c = new byte[rnd.nextInt(4096)];
            rnd.nextBytes(c);
            if (c.length > 7) {
                System.arraycopy(new byte[] {0x7f, 'E', 'L', 'F', (byte) (1 + rnd.nextInt(2)),
                    (byte) (1 + rnd.nextInt(2)), 1}, 0, c, 0, 7);
            }
            exercise(c);
        }
    }

    static void exercise(byte[] image) {
        try {
            ElfFile f = ElfFile.parse(image);
            for (ElfSection s : f.sections()) {
                try {
                    f.sectionData(s);
                } catch (ElfFormatException e) {
                    // expected for damaged sections
                }
            }
            f.symbols().lookup("layout_facts");
            f.symbols().symbolAt(0x401000);
            for (ElfSymbol s : f.symtab().all()) {
                try {
                    f.bytesOf(s);
                } catch (ElfFormatException e) {
                    // expected
                }
            }
        } catch (ElfFormatException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isEmpty());
        }
    }
}
