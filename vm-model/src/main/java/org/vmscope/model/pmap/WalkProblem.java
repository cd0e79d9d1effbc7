package org.vmscope.model.pmap;

/**
 * Something wrong found while walking page tables. Walks never throw: what they could not read or decode
 * is reported here, next to what they could.
 *
 * @param va      the first VA the problem affects
 * @param level   the geometry level of the table or entry involved, or -1
 * @param tablePa the table being read, or the table an entry pointed at
 * @param raw     the entry involved, or 0
 */
public record WalkProblem(Kind kind, long va, int level, long tablePa, long raw, String message) {

    public enum Kind {
        /** The root table lies (partly) outside known RAM; nothing was read. */
        ROOT_OUTSIDE_RAM,
        /** A table entry points outside known RAM; that subtree was not read. */
        TABLE_OUTSIDE_RAM,
        /** The reader failed inside RAM. */
        READ_FAILED,
        /** A table entry points at a table already on the path from the root (self-reference or loop). */
        CYCLE,
        /** An entry encoding the hardware rejects (it faults). */
        RESERVED_ENTRY,
        /** The VA is not translated by this root (non-canonical, other TTBR half). */
        NOT_TRANSLATED,
        /** The walk stopped at its entry cap; the result is partial. */
        LIMIT_REACHED
    }

    @Override
    public String toString() {
        return String.format("%s at va 0x%x L%d table 0x%x: %s", kind, va, level, tablePa, message);
    }
}
