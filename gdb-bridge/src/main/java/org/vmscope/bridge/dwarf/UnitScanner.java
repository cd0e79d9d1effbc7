package org.vmscope.bridge.dwarf;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/** Walks the unit headers of .debug_info / .debug_types; every unit must fit inside the section. */
final class UnitScanner {
    private UnitScanner() {
    }

    static void scan(DebugSection sec, ByteBuffer abbrev, Map<Long, AbbrevTable> tables, List<Unit> out,
                     boolean typesSection) throws DwarfFormatException {
        ByteBuffer data = sec.data;
        DwarfCursor c = new DwarfCursor(data, sec.name, 0, data.limit());
        while (!c.atEnd()) {
            long start = c.pos();
            long length = c.u32();
            int offsetSize = 4;
            if (length == 0xffffffffL) {
                length = c.u64();
                offsetSize = 8;
            } else if (length >= 0xfffffff0L) {
                throw new DwarfFormatException(sec.name + ": reserved unit length 0x" + Long.toHexString(length)
                        + " at 0x" + Long.toHexString(start));
            }
            long end = c.pos() + length;
            if (length < 2 || length > data.limit() - c.pos()) {
                throw new DwarfFormatException(sec.name + ": unit at 0x" + Long.toHexString(start) + " claims 0x"
                        + Long.toHexString(length) + " bytes; the section ends at 0x" + Integer.toHexString(data.limit()));
            }
            DwarfCursor h = new DwarfCursor(data, sec.name, c.pos(), end);
            int version = h.u16();
            if (version < 2 || version > 5) {
                throw new DwarfFormatException(sec.name + ": unit at 0x" + Long.toHexString(start)
                        + " has unsupported DWARF version " + version);
            }
            int unitType;
            int addrSize;
            long abbrevOffset;
            long signature = 0;
            long typeOffset = 0;
            if (version >= 5) {
                unitType = h.u8();
                addrSize = h.u8();
                abbrevOffset = h.unsigned(offsetSize);
                switch (unitType) {
                    case Dw.UT_COMPILE, Dw.UT_PARTIAL -> { }
                    case Dw.UT_SKELETON, Dw.UT_SPLIT_COMPILE -> h.u64(); // dwo_id
                    case Dw.UT_TYPE, Dw.UT_SPLIT_TYPE -> {
                        signature = h.u64();
                        typeOffset = h.unsigned(offsetSize);
                    }
                    default -> throw new DwarfFormatException(sec.name + ": unit at 0x" + Long.toHexString(start)
                            + " has unknown unit type 0x" + Integer.toHexString(unitType));
                }
            } else {
                abbrevOffset = h.unsigned(offsetSize);
                addrSize = h.u8();
                unitType = typesSection ? Dw.UT_TYPE : Dw.UT_COMPILE;
                if (typesSection) {
                    signature = h.u64();
                    typeOffset = h.unsigned(offsetSize);
                }
            }
            if (addrSize != 2 && addrSize != 4 && addrSize != 8) {
                throw new DwarfFormatException(sec.name + ": unit at 0x" + Long.toHexString(start)
                        + " has address size " + addrSize);
            }
            if (typeOffset != 0 && (typeOffset < h.pos() - start || typeOffset >= end - start)) {
                throw new DwarfFormatException(sec.name + ": type unit at 0x" + Long.toHexString(start)
                        + " has its type offset outside the unit");
            }
            AbbrevTable table = tables.get(abbrevOffset);
            if (table == null) {
                if (abbrevOffset < 0 || abbrevOffset >= abbrev.limit()) {
                    throw new DwarfFormatException(sec.name + ": unit at 0x" + Long.toHexString(start)
                            + " has abbreviation offset 0x" + Long.toHexString(abbrevOffset)
                            + " outside .debug_abbrev");
                }
                table = AbbrevTable.parse(abbrev, abbrevOffset);
                tables.put(abbrevOffset, table);
            }
            out.add(new Unit(sec, start, end, version, unitType, addrSize, offsetSize, table, h.pos(), signature,
                    typeOffset));
            c.seek(end);
        }
    }
}
