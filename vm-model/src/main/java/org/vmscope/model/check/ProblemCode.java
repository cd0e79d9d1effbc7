package org.vmscope.model.check;

/**
 * The stable identifiers of {@link Problem}s. Names never change once released (tools and tests match on
 * them); each constant carries its usual severity and what it means.
 */
public enum ProblemCode {
    // ------------------------------------------------------------ page allocator (§3.1)
    /** Page array addresses not strictly increasing, or not page aligned. */
    PAGE_ARRAY_UNSORTED(Severity.ERROR),
    /** {@code totalsz} differs from the page count times SIZE_PAGE. */
    PAGE_TOTAL_MISMATCH(Severity.ERROR),
    /** {@code allocsz} differs from the non-free pages times SIZE_PAGE. */
    PAGE_ALLOC_MISMATCH(Severity.ERROR),
    /** {@code bootsz} differs from the non-free boot-owned pages times SIZE_PAGE. */
    PAGE_BOOT_MISMATCH(Severity.ERROR),
    /** A buddy list link is NULL, invalid, disagrees with its back link, or loops without reaching the head. */
    PAGE_BUDDY_LIST_CORRUPT(Severity.ERROR),
    /** A page on a buddy list lacks PAGE_FREE. */
    PAGE_LISTED_NOT_FREE(Severity.ERROR),
    /** A page on buddy list n has {@code idx != n}. */
    PAGE_LIST_IDX_MISMATCH(Severity.ERROR),
    /** A page is on two buddy lists. */
    PAGE_IN_TWO_LISTS(Severity.ERROR),
    /** A free block's address is not aligned to its size. */
    PAGE_BLOCK_MISALIGNED(Severity.ERROR),
    /** A page inside a listed free block is not free, or the block runs past the page array. */
    PAGE_BLOCK_NOT_FREE(Severity.ERROR),
    /** Two listed free blocks overlap. */
    PAGE_BLOCKS_OVERLAP(Severity.ERROR),
    /** Free pages that no listed block covers: memory the allocator can never hand out. */
    PAGE_FREE_UNLISTED(Severity.ERROR),
    /** A free block spans a physical hole (documented {@code _page_initSizes} behaviour, §3.1.1). */
    PAGE_BLOCK_SPANS_HOLE(Severity.WARNING),

    // ------------------------------------------------------------ maps (§2.3, §3.2-3.6)
    /** Tree links broken: a child whose parent link differs, an invalid pointer, a node reached twice. */
    MAP_TREE_LINK_CORRUPT(Severity.ERROR),
    /** A red-black rule is broken (black root, no red-red edge, equal black heights). */
    MAP_TREE_RB_VIOLATION(Severity.ERROR),
    /** In-order entries not sorted, or two entries overlap. */
    MAP_ENTRY_OVERLAP(Severity.ERROR),
    /** {@code lmaxgap}/{@code rmaxgap} differ from the values recomputed by §2.3's definition. */
    MAP_GAP_MISMATCH(Severity.ERROR),
    /** An entry lies (partly) outside its map's {@code [start, stop)}. */
    MAP_ENTRY_OUTSIDE_MAP(Severity.ERROR),
    /** An entry's address, size, amap offset or object offset is not a page multiple, or the size is 0. */
    MAP_ENTRY_UNALIGNED(Severity.ERROR),
    /** {@code prot} has rights {@code protOrig} lacks (mprotect refuses that, §3.6). */
    MAP_ENTRY_PROT_EXCEEDS_ORIG(Severity.ERROR),
    /** An entry's {@code map} back pointer is not the map whose tree holds it. */
    MAP_ENTRY_BAD_BACKPOINTER(Severity.ERROR),
    /** An entry's slice {@code [aoffs, aoffs+size)} runs past its amap's slots. */
    MAP_ENTRY_AMAP_RANGE(Severity.ERROR),

    // ------------------------------------------------------------ entry pool (§2.3)
    /** The free chain has an invalid link or a cycle. */
    POOL_FREE_LIST_CORRUPT(Severity.ERROR),
    /** {@code nfree} differs from the length of the free chain. */
    POOL_NFREE_MISMATCH(Severity.ERROR),
    /** An entry on the free chain is also in a map's tree. */
    POOL_FREE_ENTRY_IN_MAP(Severity.ERROR),
    /** One pool entry is in two maps' trees. */
    POOL_ENTRY_IN_TWO_MAPS(Severity.ERROR),
    /** Pool slots neither free nor in any map: used + free != total. */
    POOL_SLOT_LEAKED(Severity.ERROR),

    // ------------------------------------------------------------ amap / anon / object (§2.4, §2.5, §3.8)
    /** An amap's {@code refs} differs from the number of entries pointing at it. */
    AMAP_REFS_MISMATCH(Severity.ERROR),
    /** An anon's {@code refs} differs from the number of live amap slots (entry slices) pointing at it. */
    ANON_REFS_MISMATCH(Severity.ERROR),
    /** An object's {@code refs} differs from the number of entries using it. */
    OBJECT_REFS_MISMATCH(Severity.ERROR),
    /** Non-NULL amap slots outside every entry's slice: munmap leaves them dangling (§3.5, §8.6). */
    AMAP_DANGLING_SLOT(Severity.WARNING),

    // ------------------------------------------------------------ zones and kmalloc (§2.6, §2.7, §3.11, §3.12)
    /** A zone's free-block list leaves the zone, is misaligned, unreadable, or loops. */
    ZONE_FREE_LIST_CORRUPT(Severity.ERROR),
    /** A zone's free list length differs from {@code blocks - used}, or {@code used > blocks}. */
    ZONE_COUNT_MISMATCH(Severity.ERROR),
    /** A zone's block is not covered by a kernel map entry. */
    ZONE_NOT_MAPPED(Severity.ERROR),
    /** A kmalloc zone list (class list or used list) has an invalid link, a back-link mismatch or a loop. */
    KMALLOC_ZONE_LIST_CORRUPT(Severity.ERROR),
    /** A zone on the wrong list: wrong class, full on a class list, not full on the used list, on two lists. */
    KMALLOC_ZONE_MISPLACED(Severity.ERROR),
    /** The zone tree and the zone lists disagree. */
    KMALLOC_TREE_MISMATCH(Severity.ERROR),
    /** {@code allocsz} differs from the sum of {@code used * blocksz} over all zones. */
    KMALLOC_ALLOCSZ_MISMATCH(Severity.ERROR),
    /** {@code hdrblocks} differs from the free blocks of the header-class zones. */
    KMALLOC_HDRBLOCKS_MISMATCH(Severity.ERROR),

    // ------------------------------------------------------------ cross-layer (§6 "Reaching a process's VM")
    /** Allocated frames nobody owns: a leak. */
    FRAME_UNOWNED(Severity.ERROR),
    /** A frame claimed by two owners. */
    FRAME_OWNED_TWICE(Severity.ERROR),
    /** An owner (anon, object, zone, page table...) holds a frame the allocator considers free. */
    FRAME_OWNER_CLAIMS_FREE_PAGE(Severity.ERROR),
    /** A present PTE at a VA no entry of the map covers. */
    PTE_WITHOUT_ENTRY(Severity.ERROR),
    /** A present PTE maps a frame other than the one its entry accounts for. */
    PTE_FRAME_MISMATCH(Severity.ERROR),
    /** A present PTE maps a free frame. */
    PTE_MAPS_FREE_FRAME(Severity.ERROR),
    /** A PTE allows writes its entry's {@code prot} does not. */
    PTE_WRITE_NOT_ALLOWED(Severity.ERROR),
    /** The page-table walk itself failed (cycle, table outside RAM, reserved entry). */
    PTE_WALK_PROBLEM(Severity.ERROR),

    /** The MPU regions enabled for a process break the architecture's rules (PMSAv7 alignment, PMSAv8 overlap). */
    MPU_REGION_INVALID(Severity.ERROR),
    /** A process's entry lies (partly) where its enabled MPU regions deny it the entry's rights. */
    MPU_ENTRY_UNCOVERED(Severity.ERROR),

    /** A check stopped at its work or problem limit; the result is partial. */
    CHECK_LIMIT_REACHED(Severity.WARNING);

    private final Severity severity;

    ProblemCode(Severity severity) {
        this.severity = severity;
    }

    /** The severity problems of this kind usually have. */
    public Severity severity() {
        return severity;
    }
}
