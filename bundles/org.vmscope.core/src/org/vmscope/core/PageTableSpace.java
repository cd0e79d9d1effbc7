package org.vmscope.core;

import java.util.List;

import org.vmscope.model.pmap.PagingRoot;

/**
 * The hardware page tables of one address space: the roots a walk starts from (one on most
 * architectures; TTBR0 and TTBR1 halves on ARM).
 *
 * @param pid -1 for the kernel
 */
public record PageTableSpace(String name, long pid, List<PagingRoot> roots) {

    public PageTableSpace {
        roots = List.copyOf(roots);
    }
}
