package org.vmscope.bridge.dwarf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

import org.vmscope.bridge.elf.ElfFile;
import org.vmscope.bridge.elf.ElfFormatException;
import org.vmscope.bridge.elf.ElfSection;
import org.vmscope.bridge.elf.SourceFileNames;

/**
 * The DWARF of one ELF. {@link #open} reads the unit headers and makes one pass over the top-level DIEs
 * of every unit to index the names of types and variables; nothing else is decoded until asked for,
 * and each type is built once and cached. Thread-safe (queries are serialised).
 */
public final class DwarfInfo {
    private final DieReader reader;
    private final List<Unit> units;
    private final NameIndex index;
    private final TypeBuilder builder;
    private final ByteOrder order;

    private DwarfInfo(DieReader reader, List<Unit> units, NameIndex index, ByteOrder order) {
        this.reader = reader;
        this.units = units;
        this.index = index;
        this.order = order;
        this.builder = new TypeBuilder(reader, index, order);
    }

    /**
     * Reads the unit headers and builds the name index.
     *
     * @throws MissingDwarfException when the ELF has no .debug_info (or no .debug_abbrev)
     * @throws DwarfFormatException  when the debug sections are malformed
     */
    public static DwarfInfo open(ElfFile elf) throws DwarfFormatException {
        Optional<ElfSection> infoSec = debugSection(elf, "info");
        boolean dwo = infoSec.isPresent() && infoSec.get().name().endsWith(".dwo");
        if (infoSec.isEmpty()) {
            throw new MissingDwarfException("no DWARF in " + elf.source() + ": the ELF has no .debug_info section"
                    + " (built without -g, or stripped)");
        }
        Optional<ElfSection> abbrevSec = debugSection(elf, "abbrev");
        if (abbrevSec.isEmpty()) {
            throw new MissingDwarfException("no usable DWARF in " + elf.source() + ": .debug_info is present but"
                    + " .debug_abbrev is missing");
        }
        rejectUnappliedRelocations(elf, infoSec.get());
        ByteOrder order = elf.header().order();
        DebugSection info = new DebugSection(infoSec.get().name(), data(elf, infoSec.get()), 0, dwo);
        Optional<ElfSection> typesSec = debugSection(elf, "types");
        DebugSection types = typesSec.isPresent()
                ? new DebugSection(typesSec.get().name(), data(elf, typesSec.get()), DebugSection.TYPES_BASE, dwo)
                : null;
        ByteBuffer abbrev = data(elf, abbrevSec.get());
        Map<Long, Long> signatures = new HashMap<>();
        DieReader reader = new DieReader(info, types, optional(elf, "str"), optional(elf, "line_str"),
                optional(elf, "str_offsets"), optional(elf, "addr"), order, signatures);
        List<Unit> units = new ArrayList<>();
        Map<Long, AbbrevTable> abbrevTables = new HashMap<>();
        UnitScanner.scan(info, abbrev, abbrevTables, units, false);
        if (types != null) {
            UnitScanner.scan(types, abbrev, abbrevTables, units, true);
        }
        for (Unit u : units) {
            reader.addUnit(u);
            if (u.isTypeUnit()) {
                signatures.put(u.typeSignature, u.global(u.offset + u.typeOffset));
            }
        }
        NameIndex index = new NameIndex();
        Indexer.index(reader, units, index);
        return new DwarfInfo(reader, Collections.unmodifiableList(units), index, order);
    }

    /** ".debug_X", else legacy compressed ".zdebug_X", else split-DWARF ".debug_X.dwo". */
    private static Optional<ElfSection> debugSection(ElfFile elf, String what) {
        Optional<ElfSection> s = elf.section(".debug_" + what);
        if (s.isEmpty()) {
            s = elf.section(".zdebug_" + what);
        }
        if (s.isEmpty()) {
            s = elf.section(".debug_" + what + ".dwo");
        }
        return s;
    }

    private static ByteBuffer optional(ElfFile elf, String what) throws DwarfFormatException {
        Optional<ElfSection> s = debugSection(elf, what);
        return s.isPresent() ? data(elf, s.get()) : null;
    }

    private static ByteBuffer data(ElfFile elf, ElfSection s) throws DwarfFormatException {
        try {
            return elf.sectionData(s);
        } catch (ElfFormatException e) {
            throw new DwarfFormatException(s.name() + ": " + e.getMessage(), e);
        }
    }

    /**
     * An unlinked object with RELA relocations against .debug_info holds zeros where string and
     * abbreviation offsets belong; reading it would give wrong names silently.
     */
    private static void rejectUnappliedRelocations(ElfFile elf, ElfSection info) throws DwarfFormatException {
        if (!elf.header().isRelocatable()) {
            return;
        }
        for (ElfSection s : elf.sections()) {
            if (s.type() == ElfSection.SHT_RELA && s.info() == info.index() && s.size() > 0) {
                throw new DwarfFormatException(elf.source() + " is a relocatable object whose " + info.name()
                        + " needs RELA relocations (" + s.name() + "), which this reader does not apply;"
                        + " link it first (e.g. gcc -nostdlib)");
            }
        }
    }

    // ---- queries ------------------------------------------------------------------------------

    /**
     * A type by name. "struct foo", "union foo", "enum foo" name tagged types; a bare name is looked up
     * as a typedef or base type first and then as a struct, union or enum tag. A declaration is
     * resolved to a definition of the same name when one exists anywhere.
     */
    public synchronized Optional<DwarfType> type(String name) throws DwarfFormatException {
        String key = normalise(name);
        List<String> keys = key.contains(" ") && isTagged(key) ? List.of(key)
                : List.of(key, "struct " + key, "union " + key, "enum " + key, "class " + key);
        for (String k : keys) {
            List<Long> defs = index.definitions(k);
            if (!defs.isEmpty()) {
                return Optional.of(builder.typeAt(defs.get(0)));
            }
        }
        for (String k : keys) {
            List<Long> decls = index.declarations(k);
            if (!decls.isEmpty()) {
                return Optional.of(builder.typeAt(decls.get(0)));
            }
        }
        return Optional.empty();
    }

    /** The struct or union a name denotes, looking through typedefs and qualifiers ("page_t", "struct _page_t"). */
    public Optional<StructType> struct(String name) throws DwarfFormatException {
        Optional<DwarfType> t = type(name);
        if (t.isPresent() && t.get().unqualified() instanceof StructType s) {
            return Optional.of(s);
        }
        return Optional.empty();
    }

    /** The type built from the DIE at a global offset (as found in {@link DwarfType#dieOffset()}). */
    public synchronized DwarfType typeAt(long dieOffset) throws DwarfFormatException {
        return builder.typeAt(dieOffset);
    }

    /**
     * A variable by name: a defined global (DW_AT_external) with an address first, then any definition
     * with an address (a file-static), then a declaration.
     */
    public synchronized Optional<Variable> variable(String name) throws DwarfFormatException {
        NameIndex.VariableRef best = null;
        int bestRank = Integer.MAX_VALUE;
        for (NameIndex.VariableRef r : index.variables(name)) {
            int rank = r.hasLocation() ? (r.external() ? 0 : 1) : 2;
            if (rank < bestRank) {
                best = r;
                bestRank = rank;
            }
        }
        return best == null ? Optional.empty() : Optional.of(variableOf(name, best));
    }

    /**
     * The variable {@code name} as seen from compilation unit {@code unitFile} ("page.c" or "vm/page.c"):
     * that unit's file-static if it has one, else the global.
     */
    public synchronized Optional<Variable> variable(String name, String unitFile) throws DwarfFormatException {
        for (NameIndex.VariableRef r : index.variables(name)) {
            if (!r.external() && r.hasLocation() && SourceFileNames.sameFile(r.unit().name, unitFile)) {
                return Optional.of(variableOf(name, r));
            }
        }
        Optional<Variable> v = variable(name);
        return v.isPresent() && v.get().external() ? v : Optional.empty();
    }

    /** Every definition or declaration of variables with that name (one per unit for file-statics). */
    public synchronized List<Variable> variables(String name) throws DwarfFormatException {
        List<Variable> out = new ArrayList<>();
        for (NameIndex.VariableRef r : index.variables(name)) {
            out.add(variableOf(name, r));
        }
        return out;
    }

    private Variable variableOf(String name, NameIndex.VariableRef r) throws DwarfFormatException {
        Die d = reader.dieAt(r.die());
        Die typed = d.has(Dw.AT_TYPE) || r.nameDie() == r.die() ? d : reader.dieAt(r.nameDie());
        DwarfType type = builder.typeOf(typed);
        OptionalLong address = OptionalLong.empty();
        byte[] loc = reader.block(d, Dw.AT_LOCATION);
        if (loc != null) {
            long[] a = Expressions.staticAddress(loc, order, d.unit.addressSize);
            if (a != null) {
                address = a[0] == 0 ? OptionalLong.of(a[1]) : reader.indexedAddress(d.unit, a[1]);
            }
        }
        return new Variable(name, type, address, r.external(), r.unit().name, r.die());
    }

    // ---- what is there ------------------------------------------------------------------------

    /** Index keys of all named types: "struct _page_t", "page_t", "unsigned int"... */
    public Set<String> typeNames() {
        return index.typeKeys();
    }

    public Set<String> variableNames() {
        return index.variableNames();
    }

    /** DW_AT_name of every compilation (and partial) unit, in section order. */
    public List<String> compilationUnits() {
        List<String> out = new ArrayList<>();
        for (Unit u : units) {
            if (!u.isTypeUnit()) {
                out.add(u.name);
            }
        }
        return out;
    }

    /** The DWARF versions used by the units (gcc 12-14 default to 5; -gdwarf-4 gives 4). */
    public Set<Integer> versions() {
        Set<Integer> v = new TreeSet<>();
        for (Unit u : units) {
            v.add(u.version);
        }
        return v;
    }

    /** Target address size of the first unit (4 or 8). */
    public int addressSize() {
        return units.isEmpty() ? 0 : units.get(0).addressSize;
    }

    public ByteOrder byteOrder() {
        return order;
    }

    private static String normalise(String name) {
        return name.trim().replaceAll("\\s+", " ");
    }

    private static boolean isTagged(String key) {
        return key.startsWith("struct ") || key.startsWith("union ") || key.startsWith("enum ")
                || key.startsWith("class ");
    }
}
