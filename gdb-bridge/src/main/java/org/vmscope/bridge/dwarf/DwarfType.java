package org.vmscope.bridge.dwarf;

import java.util.OptionalLong;

/** A C type read from DWARF. Instances are immutable once returned by {@link DwarfInfo}. */
public sealed interface DwarfType
        permits BaseType, StructType, TypedefType, PointerType, QualifiedType, ArrayType, EnumType, SubroutineType,
        VoidType, OpaqueType {

    /** The type's own name ("" when anonymous): "unsigned int", "_page_t", "page_t". */
    String name();

    /** Size in bytes, if DWARF says (typedefs and qualifiers report their target's). */
    OptionalLong byteSize();

    /** Global offset of the DIE this type was built from (-1 for synthesized types such as void). */
    long dieOffset();

    /** A C-like spelling for messages: "struct _page_t", "page_t", "u8 *", "int [2][3]". */
    String displayName();

    /** This type with typedefs and const/volatile/restrict/atomic qualifiers peeled off. */
    default DwarfType unqualified() {
        DwarfType t = this;
        for (int i = 0; i < 1024; i++) {
            if (t instanceof TypedefType td) {
                t = td.target();
            } else if (t instanceof QualifiedType q) {
                t = q.target();
            } else {
                return t;
            }
        }
        return t;
    }
}
