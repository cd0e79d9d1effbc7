package org.vmscope.model.pmap;

/**
 * One page-table entry decoded by its format.
 *
 * @param level      the geometry level the entry was read at
 * @param raw        the entry word as the hardware sees it
 * @param pa         for a TABLE the next table's physical address; for a LEAF the base of the mapped block
 *                   (aligned to {@code 1 << leafShift}); 0 otherwise
 * @param leafShift  log2 of the bytes a LEAF maps (may exceed the level's span: armv7 supersections and
 *                   64 KiB large pages are replicated entries); the level's span shift otherwise
 * @param attr       {@link PageAttr} bits. For a LEAF: PRESENT, READ/WRITE/EXEC = the union of the rights of
 *                   any privilege level, USER when user mode has any access, DEV/NOT_CACHED from the memory
 *                   type. For a TABLE: the READ/WRITE/EXEC/USER rights it lets through to the levels below
 *                   (hierarchical permissions: ia32 PDE U/W, aarch64 APTable/XNTable)
 * @param userRights the READ/WRITE/EXEC rights user mode has on a LEAF (0 when none)
 * @param note       format-specific detail worth showing (descriptor type, reserved bits), or empty
 */
public record PageEntry(EntryKind kind, int level, long raw, long pa, int leafShift, int attr, int userRights,
        CacheType cache, boolean global, boolean accessed, boolean dirty, String note) {

    /** The bits of {@link PageAttr} that are access rights. */
    public static final int RIGHTS = PageAttr.READ | PageAttr.WRITE | PageAttr.EXEC;
    /** The rights bits a table entry may restrict. */
    public static final int ALL_RIGHTS = RIGHTS | PageAttr.USER;

    public PageEntry {
        note = note == null ? "" : note;
        cache = cache == null ? CacheType.NONE : cache;
    }

    public static PageEntry invalid(int level, long raw, int shift) {
        return new PageEntry(EntryKind.INVALID, level, raw, 0, shift, 0, 0, CacheType.NONE, false, false, false, "");
    }

    public static PageEntry reserved(int level, long raw, int shift, String why) {
        return new PageEntry(EntryKind.RESERVED, level, raw, 0, shift, 0, 0, CacheType.NONE, false, false, false,
                why);
    }

    public static PageEntry table(int level, long raw, long tablePa, int shift, int rightsLimit, String note) {
        return new PageEntry(EntryKind.TABLE, level, raw, tablePa, shift, rightsLimit & ALL_RIGHTS, 0,
                CacheType.NONE, false, false, false, note);
    }

    public boolean isLeaf() {
        return kind == EntryKind.LEAF;
    }

    public boolean isTable() {
        return kind == EntryKind.TABLE;
    }

    /** Bytes a LEAF maps. */
    public long leafSize() {
        return 1L << leafShift;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case INVALID -> String.format("L%d invalid 0x%x", level, raw);
            case RESERVED -> String.format("L%d reserved 0x%x (%s)", level, raw, note);
            case TABLE -> String.format("L%d table 0x%x -> 0x%x", level, raw, pa);
            case LEAF -> String.format("L%d leaf 0x%x -> 0x%x/%d %s %s%s", level, raw, pa, leafShift,
                    PageAttr.describe(attr), cache, note.isEmpty() ? "" : " " + note);
        };
    }
}
