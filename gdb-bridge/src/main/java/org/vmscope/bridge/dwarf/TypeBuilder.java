package org.vmscope.bridge.dwarf;

import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Builds {@link DwarfType}s from DIEs on demand and caches them by DIE offset. Structs and pointers are
 * cached before their parts are read, which makes self-reference work; any other cycle (a typedef or
 * qualifier chain that comes back to itself) is malformed and reported. Pointer targets are resolved
 * from a queue after the requested type is built, so deep pointer graphs do not deepen the Java stack.
 */
final class TypeBuilder {
    private static final int MAX_DEPTH = 256;
    private static final int MAX_DIMENSIONS = 64;

    private final DieReader reader;
    private final NameIndex index;
    private final ByteOrder order;
    private final Map<Long, DwarfType> cache = new HashMap<>();
    private final Set<Long> inProgress = new HashSet<>();
    private final ArrayDeque<PendingPointer> pendingPointers = new ArrayDeque<>();
    /** Cache entries added since the last completed request, undone if the request fails. */
    private final List<Long> journal = new ArrayList<>();
    /** Pointee DIEs that failed to build, with the reason, so each is tried once. */
    private final Map<Long, String> failures = new HashMap<>();
    private int depth;

    private record PendingPointer(PointerType pointer, long target) {
    }

    TypeBuilder(DieReader reader, NameIndex index, ByteOrder order) {
        this.reader = reader;
        this.index = index;
        this.order = order;
    }

    /** The complete type at a global DIE offset (pointer targets resolved). */
    DwarfType typeAt(long global) throws DwarfFormatException {
        try {
            DwarfType t = build(global);
            drainPointers();
            journal.clear();
            return t;
        } catch (DwarfFormatException | RuntimeException e) {
            // Leave no half-built structs behind: the next request starts clean.
            rollback(0);
            pendingPointers.clear();
            journal.clear();
            if (e instanceof DwarfFormatException dfe) {
                throw dfe;
            }
            throw new DwarfFormatException("cannot build type at DIE 0x" + Long.toHexString(global) + ": " + e, e);
        }
    }

    /** The type named by DW_AT_type of {@code d}, or void when there is none. */
    DwarfType typeOf(Die d) throws DwarfFormatException {
        OptionalLong ref = reader.ref(d, Dw.AT_TYPE);
        return ref.isPresent() ? typeAt(ref.getAsLong()) : VoidType.INSTANCE;
    }

    /**
     * Resolves queued pointer targets. Terminates: a success caches new types for good (each DIE is
     * built once), a failure undoes its cache entries and the pointers it queued and is remembered.
     */
    private void drainPointers() {
        while (!pendingPointers.isEmpty()) {
            PendingPointer p = pendingPointers.poll();
            String failed = failures.get(p.target());
            if (failed != null) {
                p.pointer().resolve(unreadable(failed, p.target()));
                continue;
            }
            int mark = journal.size();
            int queued = pendingPointers.size();
            try {
                p.pointer().resolve(build(p.target()));
            } catch (DwarfFormatException | RuntimeException e) {
                // Show, but warn: an unreadable pointee leaves the pointer usable.
                rollback(mark);
                while (pendingPointers.size() > queued) {
                    pendingPointers.pollLast();
                }
                failures.put(p.target(), String.valueOf(e.getMessage()));
                p.pointer().resolve(unreadable(e.getMessage(), p.target()));
            }
        }
    }

    private static OpaqueType unreadable(String why, long target) {
        return new OpaqueType("", 0, OptionalLong.empty(), "unreadable: " + why, target);
    }

    private void put(long global, DwarfType t) {
        if (cache.put(global, t) == null) {
            journal.add(global);
        }
    }

    private void rollback(int mark) {
        for (int i = journal.size() - 1; i >= mark; i--) {
            cache.remove(journal.remove(i));
        }
        inProgress.clear();
        depth = 0;
    }

    private DwarfType build(long global) throws DwarfFormatException {
        DwarfType cached = cache.get(global);
        if (cached != null) {
            return cached;
        }
        if (!inProgress.add(global)) {
            throw new DwarfFormatException("cyclic type reference through DIE 0x" + Long.toHexString(global));
        }
        if (++depth > MAX_DEPTH) {
            throw new DwarfFormatException("type nesting deeper than " + MAX_DEPTH + " at DIE 0x"
                    + Long.toHexString(global));
        }
        try {
            DwarfType t = buildUncached(reader.dieAt(global), global);
            put(global, t);
            return t;
        } finally {
            depth--;
            inProgress.remove(global);
        }
    }

    private DwarfType buildUncached(Die d, long global) throws DwarfFormatException {
        String name = nameOf(d);
        return switch (d.tag()) {
            case Dw.TAG_BASE_TYPE -> new BaseType(name, reader.unsigned(d, Dw.AT_BYTE_SIZE),
                    (int) reader.unsigned(d, Dw.AT_ENCODING).orElse(0), global);
            case Dw.TAG_STRUCTURE_TYPE, Dw.TAG_UNION_TYPE, Dw.TAG_CLASS_TYPE -> buildStruct(d, name, global);
            case Dw.TAG_ENUMERATION_TYPE -> buildEnum(d, name, global);
            case Dw.TAG_TYPEDEF -> new TypedefType(name, targetOf(d), global);
            case Dw.TAG_POINTER_TYPE, Dw.TAG_REFERENCE_TYPE, Dw.TAG_RVALUE_REFERENCE_TYPE -> {
                PointerType p = new PointerType(reader.unsigned(d, Dw.AT_BYTE_SIZE).orElse(d.unit.addressSize),
                        global);
                put(global, p);
                OptionalLong target = reader.ref(d, Dw.AT_TYPE);
                if (target.isPresent()) {
                    pendingPointers.add(new PendingPointer(p, target.getAsLong()));
                }
                yield p;
            }
            case Dw.TAG_CONST_TYPE -> new QualifiedType(QualifiedType.Qualifier.CONST, targetOf(d), global);
            case Dw.TAG_VOLATILE_TYPE -> new QualifiedType(QualifiedType.Qualifier.VOLATILE, targetOf(d), global);
            case Dw.TAG_RESTRICT_TYPE -> new QualifiedType(QualifiedType.Qualifier.RESTRICT, targetOf(d), global);
            case Dw.TAG_ATOMIC_TYPE -> new QualifiedType(QualifiedType.Qualifier.ATOMIC, targetOf(d), global);
            case Dw.TAG_IMMUTABLE_TYPE -> new QualifiedType(QualifiedType.Qualifier.IMMUTABLE, targetOf(d), global);
            case Dw.TAG_ARRAY_TYPE -> buildArray(d, global);
            case Dw.TAG_SUBROUTINE_TYPE -> new SubroutineType(global);
            default -> new OpaqueType(name, d.tag(), reader.unsigned(d, Dw.AT_BYTE_SIZE),
                    "DWARF tag 0x" + Integer.toHexString(d.tag()) + " is not modelled", global);
        };
    }

    private String nameOf(Die d) throws DwarfFormatException {
        String n = reader.string(d, Dw.AT_NAME);
        return n == null ? "" : n;
    }

    private DwarfType targetOf(Die d) throws DwarfFormatException {
        OptionalLong ref = reader.ref(d, Dw.AT_TYPE);
        return ref.isPresent() ? build(ref.getAsLong()) : VoidType.INSTANCE;
    }

    /** For a declaration, the global offset of a same-named definition, or -1. */
    private long definitionFor(Die d, String name) {
        if (!reader.flag(d, Dw.AT_DECLARATION) || name.isEmpty()) {
            return -1;
        }
        List<Long> defs = index.definitions(NameIndex.tagKey(d.tag(), name));
        return defs.isEmpty() ? -1 : defs.get(0);
    }

    private DwarfType buildStruct(Die d, String name, long global) throws DwarfFormatException {
        if (d.has(Dw.AT_SIGNATURE)) {
            OptionalLong sig = reader.ref(d, Dw.AT_SIGNATURE);
            if (sig.isPresent() && sig.getAsLong() != global) {
                return build(sig.getAsLong());
            }
        }
        long def = definitionFor(d, name);
        if (def >= 0 && def != global) {
            return build(def);
        }
        StructType.Kind kind = switch (d.tag()) {
            case Dw.TAG_UNION_TYPE -> StructType.Kind.UNION;
            case Dw.TAG_CLASS_TYPE -> StructType.Kind.CLASS;
            default -> StructType.Kind.STRUCT;
        };
        StructType s = new StructType(kind, name, reader.unsigned(d, Dw.AT_BYTE_SIZE),
                reader.flag(d, Dw.AT_DECLARATION), global);
        put(global, s);
        List<Member> members = new ArrayList<>();
        for (Die c : reader.children(d)) {
            if (c.tag() == Dw.TAG_MEMBER && !reader.flag(c, Dw.AT_DECLARATION)) {
                members.add(member(c));
            }
        }
        s.setMembers(members);
        return s;
    }

    private Member member(Die c) throws DwarfFormatException {
        String name = nameOf(c);
        DwarfType type = targetOf(c);
        long location = memberLocation(c);
        int bitSize = (int) reader.unsigned(c, Dw.AT_BIT_SIZE).orElse(0);
        long bitOffset = location * 8;
        OptionalLong dataBitOffset = reader.unsigned(c, Dw.AT_DATA_BIT_OFFSET);
        if (dataBitOffset.isPresent()) {
            bitOffset = dataBitOffset.getAsLong();
        } else if (bitSize > 0 && c.has(Dw.AT_BIT_OFFSET)) {
            // DWARF 2/3 style: bits from the storage unit's most significant bit to the field's.
            long oldOffset = reader.constant(c, Dw.AT_BIT_OFFSET, c.forms[c.index(Dw.AT_BIT_OFFSET)] == Dw.FORM_SDATA)
                    .orElse(0);
            OptionalLong storage = reader.unsigned(c, Dw.AT_BYTE_SIZE);
            if (storage.isEmpty()) {
                storage = type.byteSize();
            }
            if (storage.isEmpty()) {
                throw new DwarfFormatException("bitfield " + name + " at DIE 0x" + Long.toHexString(c.offset)
                        + " has DW_AT_bit_offset but no storage size");
            }
            bitOffset = order == ByteOrder.BIG_ENDIAN ? location * 8 + oldOffset
                    : location * 8 + storage.getAsLong() * 8 - oldOffset - bitSize;
        }
        if (bitSize < 0 || bitSize > 64 * 8 || bitOffset < 0) {
            throw new DwarfFormatException("member " + name + " at DIE 0x" + Long.toHexString(c.offset)
                    + " has an impossible bit position " + bitOffset + ":" + bitSize);
        }
        long offset = bitSize > 0 ? bitOffset / 8 : location;
        return new Member(name, offset, type, bitSize, bitSize > 0 ? bitOffset : location * 8);
    }

    /** DW_AT_data_member_location: a constant, or a one-operation expression; absent means 0 (unions). */
    private long memberLocation(Die c) throws DwarfFormatException {
        int i = c.index(Dw.AT_DATA_MEMBER_LOCATION);
        if (i < 0) {
            return 0;
        }
        if (DieReader.isConstant(c.forms[i])) {
            return c.values[i];
        }
        byte[] expr = reader.block(c, Dw.AT_DATA_MEMBER_LOCATION);
        if (expr == null) {
            throw new DwarfFormatException("member at DIE 0x" + Long.toHexString(c.offset)
                    + " has a location list for DW_AT_data_member_location, which C never needs");
        }
        return Expressions.constantOffset(expr, order, "member at DIE 0x" + Long.toHexString(c.offset));
    }

    private DwarfType buildEnum(Die d, String name, long global) throws DwarfFormatException {
        long def = definitionFor(d, name);
        if (def >= 0 && def != global) {
            return build(def);
        }
        boolean signed = false;
        OptionalLong under = reader.ref(d, Dw.AT_TYPE);
        if (under.isPresent() && build(under.getAsLong()).unqualified() instanceof BaseType b) {
            signed = b.isSigned();
        }
        List<EnumType.Enumerator> values = new ArrayList<>();
        for (Die c : reader.children(d)) {
            if (c.tag() == Dw.TAG_ENUMERATOR) {
                values.add(new EnumType.Enumerator(nameOf(c), reader.constant(c, Dw.AT_CONST_VALUE, signed).orElse(0)));
            }
        }
        return new EnumType(name, reader.unsigned(d, Dw.AT_BYTE_SIZE), values, reader.flag(d, Dw.AT_DECLARATION),
                global);
    }

    private DwarfType buildArray(Die d, long global) throws DwarfFormatException {
        DwarfType element = targetOf(d);
        List<ArrayType.Dimension> dims = new ArrayList<>();
        for (Die c : reader.children(d)) {
            if (c.tag() != Dw.TAG_SUBRANGE_TYPE) {
                continue;
            }
            if (dims.size() == MAX_DIMENSIONS) {
                throw new DwarfFormatException("array at DIE 0x" + Long.toHexString(d.offset) + " has more than "
                        + MAX_DIMENSIONS + " dimensions");
            }
            long lower = reader.constant(c, Dw.AT_LOWER_BOUND, true).orElse(0);
            OptionalLong count = reader.unsigned(c, Dw.AT_COUNT);
            if (count.isEmpty()) {
                OptionalLong upper = reader.unsigned(c, Dw.AT_UPPER_BOUND);
                if (upper.isPresent()) {
                    long u = upper.getAsLong();
                    int form = c.forms[c.index(Dw.AT_UPPER_BOUND)];
                    boolean minusOne = u == -1 || form == Dw.FORM_DATA4 && u == 0xffffffffL && d.unit.addressSize == 4;
                    // gcc encodes a zero-length array (char z[0]) as upper bound -1.
                    count = minusOne ? OptionalLong.of(0) : OptionalLong.of(u - lower + 1);
                }
            }
            dims.add(new ArrayType.Dimension(lower, count));
        }
        if (dims.isEmpty()) {
            dims.add(new ArrayType.Dimension(0, OptionalLong.empty()));
        }
        return new ArrayType(element, dims, reader.unsigned(d, Dw.AT_BYTE_SIZE), global);
    }
}
