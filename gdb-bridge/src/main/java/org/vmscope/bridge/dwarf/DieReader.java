package org.vmscope.bridge.dwarf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/** Decodes DIEs and their attribute values (strings, references, constants, addresses) with bounds checks. */
final class DieReader {
    private static final int MAX_INDIRECT = 4;

    final DebugSection info;
    final DebugSection types;
    private final ByteBuffer str;
    private final ByteBuffer lineStr;
    private final ByteBuffer strOffsets;
    private final ByteBuffer addr;
    private final ByteOrder order;
    private final TreeMap<Long, Unit> unitsByGlobal = new TreeMap<>();
    private final Map<Long, Long> typeUnitsBySignature;

    DieReader(DebugSection info, DebugSection types, ByteBuffer str, ByteBuffer lineStr, ByteBuffer strOffsets,
              ByteBuffer addr, ByteOrder order, Map<Long, Long> typeUnitsBySignature) {
        this.info = info;
        this.types = types;
        this.str = str;
        this.lineStr = lineStr;
        this.strOffsets = strOffsets;
        this.addr = addr;
        this.order = order;
        this.typeUnitsBySignature = typeUnitsBySignature;
    }

    void addUnit(Unit u) {
        unitsByGlobal.put(u.global(u.offset), u);
    }

    /** The unit containing a global DIE offset. */
    Unit unitOf(long global) throws DwarfFormatException {
        Map.Entry<Long, Unit> e = unitsByGlobal.floorEntry(global);
        if (e != null) {
            Unit u = e.getValue();
            long off = global - u.section.base;
            if (global >= u.section.base && u.containsSectionOffset(off)) {
                return u;
            }
        }
        throw new DwarfFormatException("DIE reference 0x" + Long.toHexString(global) + " is not inside any unit");
    }

    /** Reads the DIE at a global offset. */
    Die dieAt(long global) throws DwarfFormatException {
        Unit u = unitOf(global);
        Die d = read(u, global - u.section.base);
        if (d.isNull()) {
            throw new DwarfFormatException(u.section.name + ": reference 0x" + Long.toHexString(global)
                    + " points at a null entry, not a DIE");
        }
        return d;
    }

    /** Reads the DIE (or null entry) at a section offset inside {@code u}. */
    Die read(Unit u, long off) throws DwarfFormatException {
        DwarfCursor c = new DwarfCursor(u.section.data, u.section.name, off, u.end);
        long code = c.uleb();
        if (code == 0) {
            return new Die(u, off, null, null, null, null, c.pos());
        }
        Abbrev a = u.abbrevs.get(code);
        if (a == null) {
            throw new DwarfFormatException(u.section.name + ": DIE at 0x" + Long.toHexString(off)
                    + " uses abbreviation code " + code + ", which its unit's table does not define");
        }
        int n = a.attrs().length;
        int[] forms = new int[n];
        long[] values = new long[n];
        long[] aux = new long[n];
        for (int i = 0; i < n; i++) {
            int form = a.forms()[i];
            for (int k = 0; form == Dw.FORM_INDIRECT; k++) {
                if (k == MAX_INDIRECT) {
                    throw new DwarfFormatException(u.section.name + ": DW_FORM_indirect chain at 0x"
                            + Integer.toHexString(c.pos()));
                }
                form = (int) c.uleb();
            }
            forms[i] = form;
            readValue(c, u, form, a.implicitConsts()[i], values, aux, i);
        }
        return new Die(u, off, a, forms, values, aux, c.pos());
    }

    private void readValue(DwarfCursor c, Unit u, int form, long implicit, long[] v, long[] aux, int i)
            throws DwarfFormatException {
        switch (form) {
            case Dw.FORM_ADDR -> v[i] = c.unsigned(u.addressSize);
            case Dw.FORM_DATA1, Dw.FORM_REF1, Dw.FORM_FLAG, Dw.FORM_STRX1, Dw.FORM_ADDRX1 -> v[i] = c.u8();
            case Dw.FORM_DATA2, Dw.FORM_REF2, Dw.FORM_STRX2, Dw.FORM_ADDRX2 -> v[i] = c.u16();
            case Dw.FORM_STRX3, Dw.FORM_ADDRX3 -> v[i] = c.u24();
            case Dw.FORM_DATA4, Dw.FORM_REF4, Dw.FORM_REF_SUP4, Dw.FORM_STRX4, Dw.FORM_ADDRX4 -> v[i] = c.u32();
            case Dw.FORM_DATA8, Dw.FORM_REF8, Dw.FORM_REF_SIG8, Dw.FORM_REF_SUP8 -> v[i] = c.u64();
            case Dw.FORM_DATA16 -> {
                long first = c.u64();
                long second = c.u64();
                boolean le = order == ByteOrder.LITTLE_ENDIAN;
                v[i] = le ? first : second;
                aux[i] = le ? second : first;
            }
            case Dw.FORM_SDATA -> v[i] = c.sleb();
            case Dw.FORM_UDATA, Dw.FORM_REF_UDATA, Dw.FORM_STRX, Dw.FORM_ADDRX, Dw.FORM_LOCLISTX,
                 Dw.FORM_RNGLISTX, Dw.FORM_GNU_ADDR_INDEX, Dw.FORM_GNU_STR_INDEX -> v[i] = c.uleb();
            case Dw.FORM_STRP, Dw.FORM_LINE_STRP, Dw.FORM_SEC_OFFSET, Dw.FORM_STRP_SUP, Dw.FORM_GNU_REF_ALT,
                 Dw.FORM_GNU_STRP_ALT -> v[i] = c.unsigned(u.offsetSize);
            case Dw.FORM_REF_ADDR -> v[i] = c.unsigned(u.version <= 2 ? u.addressSize : u.offsetSize);
            case Dw.FORM_FLAG_PRESENT -> v[i] = 1;
            case Dw.FORM_IMPLICIT_CONST -> v[i] = implicit;
            case Dw.FORM_STRING -> {
                v[i] = c.pos();
                aux[i] = c.skipCString();
            }
            case Dw.FORM_BLOCK1 -> block(c, c.u8(), v, aux, i);
            case Dw.FORM_BLOCK2 -> block(c, c.u16(), v, aux, i);
            case Dw.FORM_BLOCK4 -> block(c, c.u32(), v, aux, i);
            case Dw.FORM_BLOCK, Dw.FORM_EXPRLOC -> block(c, c.uleb(), v, aux, i);
            default -> throw new DwarfFormatException(u.section.name + ": unknown attribute form 0x"
                    + Integer.toHexString(form) + " at 0x" + Integer.toHexString(c.pos()));
        }
    }

    private static void block(DwarfCursor c, long len, long[] v, long[] aux, int i) throws DwarfFormatException {
        v[i] = c.pos();
        aux[i] = len;
        c.skip(len);
    }

    // ---- attribute accessors ------------------------------------------------------------------

    /** A string attribute, or null when absent (or kept in a supplementary file this reader cannot see). */
    String string(Die d, int attr) throws DwarfFormatException {
        int i = d.index(attr);
        if (i < 0) {
            return null;
        }
        Unit u = d.unit;
        long v = d.values[i];
        return switch (d.forms[i]) {
            case Dw.FORM_STRING -> {
                byte[] b = new byte[(int) d.aux[i]];
                u.section.data.get((int) v, b);
                yield new String(b, StandardCharsets.UTF_8);
            }
            case Dw.FORM_STRP -> DwarfCursor.cstringAt(need(str, ".debug_str"), v, ".debug_str");
            case Dw.FORM_LINE_STRP -> DwarfCursor.cstringAt(need(lineStr, ".debug_line_str"), v, ".debug_line_str");
            case Dw.FORM_STRX, Dw.FORM_STRX1, Dw.FORM_STRX2, Dw.FORM_STRX3, Dw.FORM_STRX4,
                 Dw.FORM_GNU_STR_INDEX -> indexedString(u, v);
            case Dw.FORM_GNU_STRP_ALT, Dw.FORM_STRP_SUP -> null;
            default -> throw new DwarfFormatException(u.section.name + ": attribute 0x" + Integer.toHexString(attr)
                    + " of DIE 0x" + Long.toHexString(d.offset) + " has non-string form 0x"
                    + Integer.toHexString(d.forms[i]));
        };
    }

    private String indexedString(Unit u, long index) throws DwarfFormatException {
        ByteBuffer so = need(strOffsets, ".debug_str_offsets");
        long base = u.strOffsetsBase >= 0 ? u.strOffsetsBase : (u.offsetSize == 8 ? 16 : 8);
        long at = base + index * u.offsetSize;
        if (index < 0 || index > so.limit() || at + u.offsetSize > so.limit()) {
            throw new DwarfFormatException(".debug_str_offsets: string index " + index + " is out of range");
        }
        DwarfCursor c = new DwarfCursor(so, ".debug_str_offsets", at, so.limit());
        return DwarfCursor.cstringAt(need(str, ".debug_str"), c.unsigned(u.offsetSize), ".debug_str");
    }

    private static ByteBuffer need(ByteBuffer b, String name) throws DwarfFormatException {
        if (b == null) {
            throw new DwarfFormatException("a DIE refers to " + name + ", which the ELF does not have");
        }
        return b;
    }

    /** An unsigned constant (data, udata, flag, implicit_const ...), if present with a constant form. */
    OptionalLong unsigned(Die d, int attr) {
        int i = d.index(attr);
        if (i < 0 || !isConstant(d.forms[i])) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(d.values[i]);
    }

    /** A constant sign-extended from its form width when {@code signed} (sdata/implicit_const always are). */
    OptionalLong constant(Die d, int attr, boolean signed) throws DwarfFormatException {
        int i = d.index(attr);
        if (i < 0 || !isConstant(d.forms[i])) {
            return OptionalLong.empty();
        }
        long v = d.values[i];
        if (d.forms[i] == Dw.FORM_DATA16) {
            long hi = d.aux[i];
            if (!(hi == 0 && v >= 0 || hi == -1 && v < 0) && !(hi == 0 && !signed)) {
                throw new DwarfFormatException(d.unit.section.name + ": 128-bit constant at DIE 0x"
                        + Long.toHexString(d.offset) + " does not fit 64 bits");
            }
            return OptionalLong.of(v);
        }
        if (signed) {
            v = switch (d.forms[i]) {
                case Dw.FORM_DATA1 -> (byte) v;
                case Dw.FORM_DATA2 -> (short) v;
                case Dw.FORM_DATA4 -> (int) v;
                default -> v;
            };
        }
        return OptionalLong.of(v);
    }

    static boolean isConstant(int form) {
        return switch (form) {
            case Dw.FORM_DATA1, Dw.FORM_DATA2, Dw.FORM_DATA4, Dw.FORM_DATA8, Dw.FORM_DATA16, Dw.FORM_SDATA,
                 Dw.FORM_UDATA, Dw.FORM_FLAG, Dw.FORM_FLAG_PRESENT, Dw.FORM_IMPLICIT_CONST -> true;
            default -> false;
        };
    }

    boolean flag(Die d, int attr) {
        int i = d.index(attr);
        return i >= 0 && d.values[i] != 0;
    }

    /** A reference attribute as a global DIE offset; empty when absent or pointing into another file. */
    OptionalLong ref(Die d, int attr) throws DwarfFormatException {
        int i = d.index(attr);
        if (i < 0) {
            return OptionalLong.empty();
        }
        Unit u = d.unit;
        long v = d.values[i];
        long target = switch (d.forms[i]) {
            case Dw.FORM_REF1, Dw.FORM_REF2, Dw.FORM_REF4, Dw.FORM_REF8, Dw.FORM_REF_UDATA -> {
                if (v < 0 || v >= u.end - u.offset) {
                    throw new DwarfFormatException(u.section.name + ": DIE 0x" + Long.toHexString(d.offset)
                            + " refers to unit offset 0x" + Long.toHexString(v) + ", outside its unit");
                }
                yield u.global(u.offset + v);
            }
            case Dw.FORM_REF_ADDR -> info.base + v;
            case Dw.FORM_REF_SIG8 -> {
                Long t = typeUnitsBySignature.get(v);
                if (t == null) {
                    throw new DwarfFormatException("no type unit with signature 0x" + Long.toHexString(v));
                }
                yield t;
            }
            case Dw.FORM_GNU_REF_ALT, Dw.FORM_REF_SUP4, Dw.FORM_REF_SUP8 -> -1L;
            default -> throw new DwarfFormatException(u.section.name + ": attribute 0x" + Integer.toHexString(attr)
                    + " of DIE 0x" + Long.toHexString(d.offset) + " has non-reference form 0x"
                    + Integer.toHexString(d.forms[i]));
        };
        return target < 0 ? OptionalLong.empty() : OptionalLong.of(target);
    }

    /** The bytes of a block/exprloc attribute, or null when absent or not a block. */
    byte[] block(Die d, int attr) throws DwarfFormatException {
        int i = d.index(attr);
        if (i < 0) {
            return null;
        }
        switch (d.forms[i]) {
            case Dw.FORM_BLOCK, Dw.FORM_BLOCK1, Dw.FORM_BLOCK2, Dw.FORM_BLOCK4, Dw.FORM_EXPRLOC -> {
                DwarfCursor c = new DwarfCursor(d.unit.section.data, d.unit.section.name, d.values[i], d.unit.end);
                return c.bytes((int) d.aux[i]);
            }
            default -> {
                return null;
            }
        }
    }

    /** Entry {@code index} of .debug_addr for this unit. */
    OptionalLong indexedAddress(Unit u, long index) throws DwarfFormatException {
        if (addr == null) {
            return OptionalLong.empty();
        }
        long base = u.addrBase >= 0 ? u.addrBase : (u.version >= 5 ? (u.offsetSize == 8 ? 16 : 8) : 0);
        long at = base + index * u.addressSize;
        if (index < 0 || index > addr.limit() || at + u.addressSize > addr.limit()) {
            throw new DwarfFormatException(".debug_addr: address index " + index + " is out of range");
        }
        return OptionalLong.of(new DwarfCursor(addr, ".debug_addr", at, addr.limit()).unsigned(u.addressSize));
    }

    /** An address attribute (DW_FORM_addr or addrx*). */
    OptionalLong address(Die d, int attr) throws DwarfFormatException {
        int i = d.index(attr);
        if (i < 0) {
            return OptionalLong.empty();
        }
        return switch (d.forms[i]) {
            case Dw.FORM_ADDR -> OptionalLong.of(d.values[i]);
            case Dw.FORM_ADDRX, Dw.FORM_ADDRX1, Dw.FORM_ADDRX2, Dw.FORM_ADDRX3, Dw.FORM_ADDRX4,
                 Dw.FORM_GNU_ADDR_INDEX -> indexedAddress(d.unit, d.values[i]);
            default -> OptionalLong.empty();
        };
    }

    // ---- tree walking -------------------------------------------------------------------------

    /** Section offset just past {@code d} and all its descendants. Terminates: each step consumes bytes. */
    long skip(Die d) throws DwarfFormatException {
        if (!d.hasChildren()) {
            return d.end;
        }
        Unit u = d.unit;
        long sib = siblingOf(d);
        if (sib > 0) {
            return sib;
        }
        long pos = d.end;
        int depth = 1;
        while (depth > 0) {
            if (pos >= u.end) {
                return u.end; // children list not terminated before the unit ends: tolerate
            }
            Die c = read(u, pos);
            if (c.isNull()) {
                depth--;
                pos = c.end;
            } else if (c.hasChildren()) {
                long s = siblingOf(c);
                if (s > 0) {
                    pos = s;
                } else {
                    depth++;
                    pos = c.end;
                }
            } else {
                pos = c.end;
            }
        }
        return pos;
    }

    /** DW_AT_sibling as a section offset, if present and pointing forward inside the unit; else -1. */
    private long siblingOf(Die d) {
        int i = d.index(Dw.AT_SIBLING);
        if (i < 0) {
            return -1;
        }
        long rel = d.values[i];
        long target = switch (d.forms[i]) {
            case Dw.FORM_REF1, Dw.FORM_REF2, Dw.FORM_REF4, Dw.FORM_REF8, Dw.FORM_REF_UDATA -> d.unit.offset + rel;
            case Dw.FORM_REF_ADDR -> rel;
            default -> -1;
        };
        return target > d.offset && target <= d.unit.end ? target : -1;
    }

    /** Children of {@code d} (direct only), in order. */
    List<Die> children(Die d) throws DwarfFormatException {
        List<Die> out = new ArrayList<>();
        if (!d.hasChildren()) {
            return out;
        }
        long pos = d.end;
        while (pos < d.unit.end) {
            Die c = read(d.unit, pos);
            if (c.isNull()) {
                break;
            }
            out.add(c);
            pos = skip(c);
        }
        return out;
    }
}
