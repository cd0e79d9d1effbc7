package org.vmscope.model.pmap;

/** What a decoded page-table entry is. */
public enum EntryKind {
    /** Not valid: the walk stops with a translation fault. */
    INVALID,
    /** Points at a next-level table. */
    TABLE,
    /** Maps a page, block, section or superpage. */
    LEAF,
    /** An encoding the hardware rejects (reserved bits, pointer at the last level, misaligned superpage). */
    RESERVED
}
