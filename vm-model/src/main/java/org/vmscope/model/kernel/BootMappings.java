package org.vmscope.model.kernel;

import java.util.List;

/**
 * What the boot sequence mapped in the kernel address space and which page-table frames it allocated, so a
 * hardware pmap can be built to match (see {@link SimKernel#boot(Machine, KernelPmapFactory)}).
 * The loader's own tables (the machine's boot-allocation regions marked P) are not listed.
 *
 * @param mappings kernel pages in mapping order: the image (and ia32 low memory), the first heap page, then
 *                 each page {@code _page_sbrk} added
 * @param tables   frames boot allocated as page tables, in allocation order
 */
public record BootMappings(List<Mapping> mappings, List<Table> tables) {

    /** One kernel page: {@code va -> pa} with {@link org.vmscope.model.pmap.PageAttr} bits. */
    public record Mapping(long va, long pa, int attr) {
    }

    /**
     * A table frame and the VA it was allocated for.
     *
     * @param why {@code sbrk}, {@code expand} (kernel space preallocation) or {@code null-page}
     */
    public record Table(long va, long frame, String why) {
    }
}
