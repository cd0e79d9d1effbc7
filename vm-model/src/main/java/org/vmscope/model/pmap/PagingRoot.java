package org.vmscope.model.pmap;

/**
 * Where a walk starts: a format and the physical address of its top-level table (CR3 & ~0xfff,
 * TTBR0/TTBR1 base, satp.PPN &lt;&lt; 12, the SRMMU context-table slot of a context).
 */
public record PagingRoot(PageTableFormat format, long tablePa) {

    public PagingRoot {
        if (format == null) {
            throw new IllegalArgumentException("format is required");
        }
    }

    @Override
    public String toString() {
        return String.format("%s@0x%x", format.name(), tablePa);
    }
}
