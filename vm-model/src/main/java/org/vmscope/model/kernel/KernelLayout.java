package org.vmscope.model.kernel;

/**
 * Where the kernel sits and what its boot page tables cover: the inputs of {@code _pmap_init},
 * {@code _page_sbrk}, {@code _pmap_kernelSpaceExpand} and {@code pmap_segment} (phoenix-vm.md §4).
 *
 * @param vaddrKernel      {@code VADDR_KERNEL}, the start of the kernel map
 * @param kernelPa         physical base of the kernel image ({@code syspage->pkernel})
 * @param kernelVa         virtual address of the kernel image
 * @param kernelSize       bytes of the image up to {@code _end}
 * @param textSize         bytes of the image up to {@code _etext}
 * @param heapPa           the first heap page's frame (already owned by boot classification)
 * @param heapVa           the first heap page's virtual address
 * @param heapOffset       where the boot break starts inside that page (0x500 on ia32, past the BIOS data)
 * @param leafSpan         virtual bytes one last-level table page maps (new ones are P pages)
 * @param expandSpan       the step of {@code _pmap_kernelSpaceExpand}: bytes one preallocated table covers
 * @param bootTablesEnd    kernel VA up to which boot tables exist at both levels (from {@code vaddrKernel})
 * @param nullPageTables   P pages that mapping the NULL page ({@code _page_init} last step) costs
 * @param lowSegment       whether {@code pmap_segment(0)} is the low memory below the image (ia32)
 */
public record KernelLayout(long vaddrKernel, long kernelPa, long kernelVa, long kernelSize, long textSize,
        long heapPa, long heapVa, long heapOffset, long leafSpan, long expandSpan, long bootTablesEnd,
        int nullPageTables, boolean lowSegment) {

    /** {@code _etext} as a virtual address. */
    public long etextVa() {
        return kernelVa + textSize;
    }
}
