package org.vmscope.bridge.dwarf;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A struct, union or class. Registered before its members are read so members may point back to it;
 * the member list is set exactly once by the builder.
 */
public final class StructType implements DwarfType {
    /** Which C keyword introduced it. */
    public enum Kind {
        STRUCT("struct"), UNION("union"), CLASS("class");

        private final String keyword;

        Kind(String keyword) {
            this.keyword = keyword;
        }

        public String keyword() {
            return keyword;
        }
    }

    private static final int MAX_ANONYMOUS_DEPTH = 16;

    private final Kind kind;
    private final String name;
    private final OptionalLong byteSize;
    private final boolean declaration;
    private final long dieOffset;
    private List<Member> members = List.of();

    StructType(Kind kind, String name, OptionalLong byteSize, boolean declaration, long dieOffset) {
        this.kind = kind;
        this.name = name;
        this.byteSize = byteSize;
        this.declaration = declaration;
        this.dieOffset = dieOffset;
    }

    void setMembers(List<Member> m) {
        this.members = List.copyOf(m);
    }

    public Kind kind() {
        return kind;
    }

    public boolean isUnion() {
        return kind == Kind.UNION;
    }

    /** True when only a declaration was found ({@code struct foo;} with no definition anywhere). */
    public boolean isDeclaration() {
        return declaration;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public OptionalLong byteSize() {
        return byteSize;
    }

    @Override
    public long dieOffset() {
        return dieOffset;
    }

    @Override
    public String displayName() {
        return kind.keyword() + " " + (name.isEmpty() ? "<anonymous>" : name);
    }

    /** Direct members in declaration order (anonymous struct/union members included as such). */
    public List<Member> members() {
        return members;
    }

    /**
     * The member called {@code memberName}, looking through anonymous struct/union members as C11
     * does; the returned offset is then relative to this structure.
     */
    public Optional<Member> member(String memberName) {
        return find(this, memberName, 0, 0);
    }

    private static Optional<Member> find(StructType s, String memberName, long base, int depth) {
        for (Member m : s.members) {
            if (m.name().equals(memberName) && !memberName.isEmpty()) {
                return Optional.of(base == 0 ? m
                        : new Member(m.name(), m.offset() + base, m.type(), m.bitSize(), m.bitOffset() + base * 8));
            }
        }
        if (depth < MAX_ANONYMOUS_DEPTH) {
            for (Member m : s.members) {
                if (m.isAnonymous() && m.type().unqualified() instanceof StructType inner) {
                    Optional<Member> hit = find(inner, memberName, base + m.offset(), depth + 1);
                    if (hit.isPresent()) {
                        return hit;
                    }
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "StructType[" + displayName() + ", size " + (byteSize.isPresent() ? byteSize.getAsLong() : "?")
                + ", " + members.size() + " members]";
    }
}
