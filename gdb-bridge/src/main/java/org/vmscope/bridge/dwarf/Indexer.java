package org.vmscope.bridge.dwarf;

import java.util.List;
import java.util.OptionalLong;

/**
 * The quick pass: reads each unit's root DIE (name, string and address bases) and its direct children,
 * skipping whole subtrees (function bodies, struct members) via DW_AT_sibling where gcc provides it.
 */
final class Indexer {
    private Indexer() {
    }

    static void index(DieReader reader, List<Unit> units, NameIndex index) throws DwarfFormatException {
        for (Unit u : units) {
            Die root = reader.read(u, u.firstDie);
            if (root.isNull()) {
                continue;
            }
            bases(reader, u, root);
            String name = reader.string(root, Dw.AT_NAME);
            u.name = name == null ? "" : name;
            if (!root.hasChildren()) {
                continue;
            }
            long pos = root.end;
            while (pos < u.end) {
                Die d = reader.read(u, pos);
                if (d.isNull()) {
                    break;
                }
                indexOne(reader, u, d, index);
                pos = reader.skip(d);
            }
        }
    }

    private static void bases(DieReader reader, Unit u, Die root) {
        OptionalLong so = sectionOffset(root, Dw.AT_STR_OFFSETS_BASE);
        if (so.isPresent()) {
            u.strOffsetsBase = so.getAsLong();
        }
        OptionalLong ab = sectionOffset(root, Dw.AT_ADDR_BASE);
        if (ab.isEmpty()) {
            ab = sectionOffset(root, Dw.AT_GNU_ADDR_BASE);
        }
        if (ab.isPresent()) {
            u.addrBase = ab.getAsLong();
        }
    }

    private static OptionalLong sectionOffset(Die d, int attr) {
        int i = d.index(attr);
        return i < 0 ? OptionalLong.empty() : OptionalLong.of(d.values[i]);
    }

    private static void indexOne(DieReader reader, Unit u, Die d, NameIndex index) throws DwarfFormatException {
        switch (d.tag()) {
            case Dw.TAG_STRUCTURE_TYPE, Dw.TAG_UNION_TYPE, Dw.TAG_ENUMERATION_TYPE, Dw.TAG_CLASS_TYPE,
                 Dw.TAG_TYPEDEF, Dw.TAG_BASE_TYPE, Dw.TAG_UNSPECIFIED_TYPE -> {
                String name = reader.string(d, Dw.AT_NAME);
                if (name != null && !name.isEmpty()) {
                    boolean decl = reader.flag(d, Dw.AT_DECLARATION) || d.has(Dw.AT_SIGNATURE);
                    index.addType(NameIndex.tagKey(d.tag(), name), d.globalOffset(), decl);
                }
            }
            case Dw.TAG_VARIABLE -> indexVariable(reader, u, d, index);
            default -> { }
        }
    }

    private static void indexVariable(DieReader reader, Unit u, Die d, NameIndex index) throws DwarfFormatException {
        String name = reader.string(d, Dw.AT_NAME);
        boolean external = reader.flag(d, Dw.AT_EXTERNAL);
        long nameDie = d.globalOffset();
        if (name == null) {
            // A definition completing an earlier declaration: name and external flag live there.
            OptionalLong spec = reader.ref(d, Dw.AT_SPECIFICATION);
            if (spec.isEmpty()) {
                return;
            }
            Die decl = reader.dieAt(spec.getAsLong());
            name = reader.string(decl, Dw.AT_NAME);
            external |= reader.flag(decl, Dw.AT_EXTERNAL);
            nameDie = decl.globalOffset();
        }
        if (name == null || name.isEmpty()) {
            return;
        }
        boolean hasLocation = d.has(Dw.AT_LOCATION) && !reader.flag(d, Dw.AT_DECLARATION);
        index.addVariable(name, new NameIndex.VariableRef(d.globalOffset(), nameDie, u, external, hasLocation));
    }
}
