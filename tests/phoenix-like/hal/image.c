/* The kernel image's place in the kernel map and in RAM, for the DTB-booted archs (riscv64,
 * armv7a, aarch64): pmap_segment's two entries (ia32 adds its low memory) and the frames the
 * boot owns. */
#include "hal/pmap.h"
#include "hal/hal.h"
#include "hal/boot.h"
#include "hal/frames.h"
#include "include/errno.h"
#include "include/mman.h"

extern char _start_kernel[], _etext[], _end[], __syspage_start[], boot_stack[], boot_stack_top[];

void hal_imageReserve(void *heapStart, size_t heapPages)
{
	size_t dtbPages = (hal_boot.dtbsz + (hal_boot.dtb & (SIZE_PAGE - 1)) + SIZE_PAGE - 1) / SIZE_PAGE;

	hal_framesReserve(hal_kernelPhys(boot_stack), (size_t)(boot_stack_top - boot_stack) / SIZE_PAGE, PAGE_OWNER_KERNEL | PAGE_KERNEL_STACK);
	hal_framesReserve(hal_kernelPhys(__syspage_start), 1, PAGE_OWNER_KERNEL | PAGE_KERNEL_SYSPAGE);
	hal_framesReserve(hal_kernelPhys(_start_kernel), (size_t)(_end - _start_kernel) / SIZE_PAGE, PAGE_OWNER_KERNEL);
	hal_framesReserve(hal_kernelPhys(heapStart), heapPages, PAGE_OWNER_KERNEL | PAGE_KERNEL_HEAP);
	if (hal_boot.dtbsz != 0)
		hal_framesReserve(hal_boot.dtb & ~(addr_t)(SIZE_PAGE - 1), dtbPages, PAGE_OWNER_BOOT);
}

int pmap_segment(unsigned int i, void **vaddr, size_t *size, vm_prot_t *prot, void **top)
{
	switch (i) {
		case 0:
			*vaddr = _start_kernel;
			*size = (size_t)(_etext - _start_kernel);
			*prot = PROT_READ | PROT_EXEC;
			return EOK;
		case 1:
			*vaddr = _etext;
			*size = (size_t)((char *)*top - _etext);
			*prot = PROT_READ | PROT_WRITE;
			return EOK;
		default:
			return -EINVAL;
	}
}
