package org.vmscope.bridge.dwarf;

/** One unit header of .debug_info (or .debug_types) plus the bases its root DIE supplies. */
final class Unit {
    final DebugSection section;
    final long offset;
    final long end;
    final int version;
    final int unitType;
    final int addressSize;
    final int offsetSize;
    final AbbrevTable abbrevs;
    final long firstDie;
    final long typeSignature;
    final long typeOffset;
    String name = "";
    long strOffsetsBase = -1;
    long addrBase = -1;

    Unit(DebugSection section, long offset, long end, int version, int unitType, int addressSize, int offsetSize,
         AbbrevTable abbrevs, long firstDie, long typeSignature, long typeOffset) {
        this.section = section;
        this.offset = offset;
        this.end = end;
        this.version = version;
        this.unitType = unitType;
        this.addressSize = addressSize;
        this.offsetSize = offsetSize;
        this.abbrevs = abbrevs;
        this.firstDie = firstDie;
        this.typeSignature = typeSignature;
        this.typeOffset = typeOffset;
    }

    boolean isTypeUnit() {
        return unitType == Dw.UT_TYPE || unitType == Dw.UT_SPLIT_TYPE;
    }

    boolean isSplit() {
        return unitType == Dw.UT_SPLIT_COMPILE || unitType == Dw.UT_SPLIT_TYPE || section.dwo;
    }

    /** Global DIE offset (section tag + section offset) of a position in this unit. */
    long global(long sectionOffset) {
        return section.base + sectionOffset;
    }

    boolean containsSectionOffset(long off) {
        return off >= firstDie && off < end;
    }
}
