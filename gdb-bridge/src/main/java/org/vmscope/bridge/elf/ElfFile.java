package org.vmscope.bridge.elf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A parsed ELF file (32/64-bit, either byte order). Opening validates the header, both header tables,
 * the section name table and the symbol tables; other section contents are checked when read.
 */
public final class ElfFile {
    private static final int EI_NIDENT = 16;
    private static final int PN_XNUM = 0xffff;
    private static final int SHN_XINDEX = 0xffff;
    /**
     * Cap on one read of loaded bytes. Zero-filled memory (.bss, p_memsz past p_filesz) costs nothing in
     * the file, so a damaged size could otherwise make a read allocate gigabytes.
     */
    static final int MAX_READ_BYTES = 64 << 20;

    private final String source;
    private final BoundedBytes bytes;
    private final ElfHeader header;
    private final List<ElfSection> sections;
    private final List<ElfSegment> segments;
    private final SymbolTable symtab;
    private final SymbolTable dynsym;
    private final SymbolTable allSymbols;
    private final Map<Integer, ByteBuffer> inflated = new ConcurrentHashMap<>();

    private ElfFile(String source, ByteBuffer image) throws ElfFormatException {
        this.source = source;
        this.header = parseHeader(image);
        this.bytes = new BoundedBytes(image, header.order());
        HeaderTables t = readTablePositions();
        this.sections = readSections(t);
        this.segments = readSegments(t);
        this.symtab = readSymbols(ElfSection.SHT_SYMTAB);
        this.dynsym = readSymbols(ElfSection.SHT_DYNSYM);
        List<ElfSymbol> both = new ArrayList<>(symtab.all());
        both.addAll(dynsym.all());
        this.allSymbols = new SymbolTable(both);
    }

    /** Maps the file read-only and parses it. */
    public static ElfFile open(Path path) throws IOException, ElfFormatException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE) {
                throw new ElfFormatException(path + ": file of " + size + " bytes is too large (limit 2 GiB)");
            }
            ByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
            return new ElfFile(path.toString(), map);
        }
    }

    /** Parses an in-memory image (the array is not copied; do not modify it afterwards). */
    public static ElfFile parse(byte[] image) throws ElfFormatException {
        return new ElfFile("<memory>", ByteBuffer.wrap(image));
    }

    public static ElfFile parse(ByteBuffer image, String source) throws ElfFormatException {
        return new ElfFile(source, image.slice());
    }

    /** Where the bytes came from (a path, or "&lt;memory&gt;"). */
    public String source() {
        return source;
    }

    public ElfHeader header() {
        return header;
    }

    public List<ElfSection> sections() {
        return sections;
    }

    public List<ElfSegment> segments() {
        return segments;
    }

    /** The PT_LOAD segments in program-header order. */
    public List<ElfSegment> loadSegments() {
        return segments.stream().filter(ElfSegment::isLoad).toList();
    }

    /** The first section with that exact name. */
    public Optional<ElfSection> section(String name) {
        for (ElfSection s : sections) {
            if (s.name().equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** Symbols of .symtab (empty when stripped). */
    public SymbolTable symtab() {
        return symtab;
    }

    /** Symbols of .dynsym (empty for a static kernel image). */
    public SymbolTable dynsym() {
        return dynsym;
    }

    /** .symtab followed by .dynsym. */
    public SymbolTable symbols() {
        return allSymbols;
    }

    /**
     * The contents of a section as a read-only buffer in the file's byte order; compressed debug
     * sections are inflated (once, then cached). A SHT_NOBITS section has no contents: empty buffer.
     */
    public ByteBuffer sectionData(ElfSection s) throws ElfFormatException {
        if (s.isNoBits() || s.type() == ElfSection.SHT_NULL) {
            return ByteBuffer.allocate(0).order(header.order()).asReadOnlyBuffer();
        }
        ByteBuffer raw = bytes.slice(s.offset(), s.size(), "section " + s.index() + " '" + s.name() + "'");
        if (s.isCompressed()) {
            ByteBuffer done = inflated.get(s.index());
            if (done == null) {
                done = SectionInflater.inflateChdr(raw, header.is64(), header.order(), s.name());
                inflated.put(s.index(), done);
            }
            return done.duplicate().order(header.order());
        }
        if (s.name().startsWith(".zdebug")) {
            ByteBuffer done = inflated.get(s.index());
            if (done == null) {
                done = SectionInflater.inflateGnu(raw, header.order(), s.name());
                inflated.put(s.index(), done);
            }
            return done.duplicate().order(header.order());
        }
        return raw;
    }

    /**
     * Bytes at a run-time address, as the loader would place them: from a PT_LOAD segment (zeros past
     * its file size), or for files without segments from an allocated section. Empty when no segment
     * or section covers the whole range.
     */
    public Optional<byte[]> readVirtual(long address, int length) throws ElfFormatException {
        if (length < 0) {
            return Optional.empty();
        }
        requireReadable(length, address);
        for (ElfSegment seg : segments) {
            if (seg.isLoad() && seg.containsVirtual(address)
                    && Long.compareUnsigned(address - seg.vaddr() + length, seg.memSize()) <= 0) {
                byte[] out = new byte[length];
                long rel = address - seg.vaddr();
                long inFile = Math.max(0, Math.min(length, seg.fileSize() - rel));
                if (inFile > 0) {
                    bytes.slice(seg.offset() + rel, inFile, "segment " + seg.index()).get(out, 0, (int) inFile);
                }
                return Optional.of(out);
            }
        }
        if (segments.stream().noneMatch(ElfSegment::isLoad)) {
            for (ElfSection s : sections) {
                if (s.containsAddress(address) && Long.compareUnsigned(address - s.addr() + length, s.size()) <= 0) {
                    return Optional.of(readSection(s, address - s.addr(), length));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The initial bytes of a data symbol: in a relocatable object its value is an offset into its
     * section, elsewhere an address. Empty for undefined, absolute or common symbols.
     */
    public Optional<byte[]> bytesOf(ElfSymbol sym) throws ElfFormatException {
        if (sym.size() > Integer.MAX_VALUE || !sym.isDefined() || sym.sectionIndex() >= 0xff00) {
            return Optional.empty();
        }
        if (header.isRelocatable()) {
            if (sym.sectionIndex() >= sections.size()) {
                throw new ElfFormatException("symbol " + sym.name() + ": section index " + sym.sectionIndex()
                        + " out of range");
            }
            ElfSection s = sections.get(sym.sectionIndex());
            if (Long.compareUnsigned(sym.value() + sym.size(), s.size()) > 0) {
                throw new ElfFormatException("symbol " + sym.name() + " extends past its section " + s.name());
            }
            return Optional.of(readSection(s, sym.value(), (int) sym.size()));
        }
        return readVirtual(sym.value(), (int) sym.size());
    }

    private byte[] readSection(ElfSection s, long offset, int length) throws ElfFormatException {
        requireReadable(length, s.addr() + offset);
        byte[] out = new byte[length];
        if (!s.isNoBits()) {
            ByteBuffer data = sectionData(s);
            if (offset < 0 || offset + length > data.limit()) {
                throw new ElfFormatException("read past the end of section " + s.name());
            }
            data.get((int) offset, out);
        }
        return out;
    }

    private static void requireReadable(int length, long address) throws ElfFormatException {
        if (length > MAX_READ_BYTES) {
            throw new ElfFormatException(String.format("a read of %d bytes at 0x%x is larger than the %d MiB one"
                    + " read may take (damaged size?)", length, address, MAX_READ_BYTES >> 20));
        }
    }

    // ---- parsing ------------------------------------------------------------------------------

    private static ElfHeader parseHeader(ByteBuffer img) throws ElfFormatException {
        if (img.limit() < EI_NIDENT) {
            throw new ElfFormatException("truncated: " + img.limit() + " bytes cannot hold an ELF identification");
        }
        if (img.get(0) != 0x7f || img.get(1) != 'E' || img.get(2) != 'L' || img.get(3) != 'F') {
            throw new ElfFormatException("not an ELF file: bad magic number");
        }
        int cls = img.get(4);
        int data = img.get(5);
        if (cls != 1 && cls != 2) {
            throw new ElfFormatException("unknown ELF class " + cls + " (expected 1 = 32-bit or 2 = 64-bit)");
        }
        if (data != 1 && data != 2) {
            throw new ElfFormatException("unknown ELF data encoding " + data + " (expected 1 = LSB or 2 = MSB)");
        }
        if (img.get(6) != 1) {
            throw new ElfFormatException("unsupported ELF identification version " + img.get(6));
        }
        boolean is64 = cls == 2;
        ByteOrder order = data == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        int ehsize = is64 ? 64 : 52;
        if (img.limit() < ehsize) {
            throw new ElfFormatException("truncated: " + img.limit() + " bytes cannot hold the " + ehsize
                    + "-byte ELF header");
        }
        BoundedBytes b = new BoundedBytes(img, order);
        int type = b.u16(16, "e_type");
        int machine = b.u16(18, "e_machine");
        long version = b.u32(20, "e_version");
        if (version != 1) {
            throw new ElfFormatException("unsupported e_version " + version);
        }
        long entry = b.word(24, is64, "e_entry");
        int flags = (int) b.u32(is64 ? 48 : 36, "e_flags");
        return new ElfHeader(is64, order, img.get(7) & 0xff, type, ElfMachine.fromCode(machine), machine, entry,
                flags);
    }

    /** Positions and counts of both header tables, with extended numbering (counts in section 0) applied. */
    private record HeaderTables(long phoff, int phentsize, long phnum, long shoff, int shentsize, long shnum,
                                long shstrndx) {
    }

    private HeaderTables readTablePositions() throws ElfFormatException {
        boolean is64 = header.is64();
        long phoff = bytes.word(is64 ? 32 : 28, is64, "e_phoff");
        long shoff = bytes.word(is64 ? 40 : 32, is64, "e_shoff");
        int base = is64 ? 54 : 42;
        int phentsize = bytes.u16(base, "e_phentsize");
        long phnum = bytes.u16(base + 2, "e_phnum");
        int shentsize = bytes.u16(base + 4, "e_shentsize");
        long shnum = bytes.u16(base + 6, "e_shnum");
        long shstrndx = bytes.u16(base + 8, "e_shstrndx");
        int minSh = is64 ? 64 : 40;
        if (shoff != 0 && (shnum == 0 || shstrndx == SHN_XINDEX || phnum == PN_XNUM)) {
            // Extended numbering: the real values live in section header 0.
            if (shentsize < minSh) {
                throw new ElfFormatException("e_shentsize " + shentsize + " is smaller than a section header ("
                        + minSh + ")");
            }
            bytes.check(shoff, minSh, "section header 0");
            if (shnum == 0) {
                shnum = bytes.word(shoff + (is64 ? 32 : 20), is64, "sh_size of section 0");
            }
            if (shstrndx == SHN_XINDEX) {
                shstrndx = bytes.u32(shoff + (is64 ? 40 : 24), "sh_link of section 0");
            }
            if (phnum == PN_XNUM) {
                phnum = bytes.u32(shoff + (is64 ? 44 : 28), "sh_info of section 0");
            }
        }
        return new HeaderTables(phoff, phentsize, phnum, shoff, shentsize, shnum, shstrndx);
    }

    private List<ElfSection> readSections(HeaderTables t) throws ElfFormatException {
        if (t.shoff() == 0 || t.shnum() == 0) {
            return List.of();
        }
        boolean is64 = header.is64();
        int minSize = is64 ? 64 : 40;
        if (t.shentsize() < minSize) {
            throw new ElfFormatException("e_shentsize " + t.shentsize() + " is smaller than a section header ("
                    + minSize + ")");
        }
        if (t.shnum() > bytes.size() / minSize) {
            throw new ElfFormatException("e_shnum " + t.shnum() + " cannot fit in a file of " + bytes.size()
                    + " bytes");
        }
        bytes.check(t.shoff(), t.shnum() * t.shentsize(), "section header table");
        int n = (int) t.shnum();
        long[][] raw = new long[n][];
        for (int i = 0; i < n; i++) {
            long o = t.shoff() + (long) i * t.shentsize();
            raw[i] = is64
                    ? new long[] {bytes.u32(o, "sh_name"), bytes.u32(o + 4, "sh_type"), bytes.u64(o + 8, "sh_flags"),
                        bytes.u64(o + 16, "sh_addr"), bytes.u64(o + 24, "sh_offset"), bytes.u64(o + 32, "sh_size"),
                        bytes.u32(o + 40, "sh_link"), bytes.u32(o + 44, "sh_info"),
                        bytes.u64(o + 48, "sh_addralign"), bytes.u64(o + 56, "sh_entsize")}
                    : new long[] {bytes.u32(o, "sh_name"), bytes.u32(o + 4, "sh_type"), bytes.u32(o + 8, "sh_flags"),
                        bytes.u32(o + 12, "sh_addr"), bytes.u32(o + 16, "sh_offset"), bytes.u32(o + 20, "sh_size"),
                        bytes.u32(o + 24, "sh_link"), bytes.u32(o + 28, "sh_info"),
                        bytes.u32(o + 32, "sh_addralign"), bytes.u32(o + 36, "sh_entsize")};
        }
        long strOff = 0;
        long strSize = 0;
        boolean haveNames = t.shstrndx() != 0;
        if (haveNames) {
            if (t.shstrndx() >= n) {
                throw new ElfFormatException("e_shstrndx " + t.shstrndx() + " is not below the section count " + n);
            }
            long[] s = raw[(int) t.shstrndx()];
            strOff = s[4];
            strSize = s[5];
            bytes.check(strOff, strSize, "section name table (section " + t.shstrndx() + ")");
        }
        List<ElfSection> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long[] r = raw[i];
            String name = "";
            if (haveNames && r[0] != 0) {
                if (r[0] >= strSize) {
                    throw new ElfFormatException("section " + i + ": name offset 0x" + Long.toHexString(r[0])
                            + " is outside the section name table");
                }
                name = bytes.cstring(strOff + r[0], strOff + strSize, "name of section " + i);
            }
            out.add(new ElfSection(i, name, (int) r[1], r[2], r[3], r[4], r[5], (int) r[6], (int) r[7], r[8],
                    r[9]));
        }
        return Collections.unmodifiableList(out);
    }

    private List<ElfSegment> readSegments(HeaderTables t) throws ElfFormatException {
        if (t.phoff() == 0 || t.phnum() == 0) {
            return List.of();
        }
        boolean is64 = header.is64();
        int minSize = is64 ? 56 : 32;
        if (t.phentsize() < minSize) {
            throw new ElfFormatException("e_phentsize " + t.phentsize() + " is smaller than a program header ("
                    + minSize + ")");
        }
        if (t.phnum() > bytes.size() / minSize) {
            throw new ElfFormatException("e_phnum " + t.phnum() + " cannot fit in the file");
        }
        bytes.check(t.phoff(), t.phnum() * t.phentsize(), "program header table");
        List<ElfSegment> out = new ArrayList<>();
        for (int i = 0; i < t.phnum(); i++) {
            long o = t.phoff() + (long) i * t.phentsize();
            if (is64) {
                out.add(new ElfSegment(i, (int) bytes.u32(o, "p_type"), (int) bytes.u32(o + 4, "p_flags"),
                        bytes.u64(o + 8, "p_offset"), bytes.u64(o + 16, "p_vaddr"), bytes.u64(o + 24, "p_paddr"),
                        bytes.u64(o + 32, "p_filesz"), bytes.u64(o + 40, "p_memsz"), bytes.u64(o + 48, "p_align")));
            } else {
                out.add(new ElfSegment(i, (int) bytes.u32(o, "p_type"), (int) bytes.u32(o + 24, "p_flags"),
                        bytes.u32(o + 4, "p_offset"), bytes.u32(o + 8, "p_vaddr"), bytes.u32(o + 12, "p_paddr"),
                        bytes.u32(o + 16, "p_filesz"), bytes.u32(o + 20, "p_memsz"), bytes.u32(o + 28, "p_align")));
            }
        }
        return Collections.unmodifiableList(out);
    }

    private SymbolTable readSymbols(int sectionType) throws ElfFormatException {
        List<ElfSymbol> out = new ArrayList<>();
        boolean is64 = header.is64();
        int entMin = is64 ? 24 : 16;
        for (ElfSection s : sections) {
            if (s.type() != sectionType) {
                continue;
            }
            String what = "symbol table " + s.name();
            long ent = s.entSize() == 0 ? entMin : s.entSize();
            if (ent < entMin || ent > 1024) {
                throw new ElfFormatException(what + ": entry size " + s.entSize() + " (expected " + entMin + ")");
            }
            bytes.check(s.offset(), s.size(), what);
            if (s.link() <= 0 || s.link() >= sections.size()) {
                throw new ElfFormatException(what + ": string table index " + s.link() + " is out of range");
            }
            ElfSection str = sections.get(s.link());
            bytes.check(str.offset(), str.size(), "string table " + str.name() + " of " + s.name());
            boolean dynamic = sectionType == ElfSection.SHT_DYNSYM;
            String file = "";
            long count = s.size() / ent;
            for (long i = 0; i < count; i++) {
                long o = s.offset() + i * ent;
                long nameOff = bytes.u32(o, "st_name");
                int info;
                int other;
                int shndx;
                long value;
                long size;
                if (is64) {
                    info = bytes.u8(o + 4, "st_info");
                    other = bytes.u8(o + 5, "st_other");
                    shndx = bytes.u16(o + 6, "st_shndx");
                    value = bytes.u64(o + 8, "st_value");
                    size = bytes.u64(o + 16, "st_size");
                } else {
                    value = bytes.u32(o + 4, "st_value");
                    size = bytes.u32(o + 8, "st_size");
                    info = bytes.u8(o + 12, "st_info");
                    other = bytes.u8(o + 13, "st_other");
                    shndx = bytes.u16(o + 14, "st_shndx");
                }
                if (nameOff >= Math.max(1, str.size()) && nameOff != 0) {
                    throw new ElfFormatException(what + ": symbol " + i + " name offset 0x"
                            + Long.toHexString(nameOff) + " is outside " + str.name());
                }
                String name = nameOff == 0 ? "" : bytes.cstring(str.offset() + nameOff, str.offset() + str.size(),
                        what + " symbol " + i);
                int type = info & 0xf;
                int bind = info >>> 4;
                if (type == ElfSymbol.STT_FILE) {
                    file = name;
                }
                String owner = bind == ElfSymbol.STB_LOCAL && type != ElfSymbol.STT_FILE ? file : "";
                out.add(new ElfSymbol(name, value, size, type, bind, other & 3, shndx, owner, dynamic));
            }
        }
        return new SymbolTable(out);
    }
}
