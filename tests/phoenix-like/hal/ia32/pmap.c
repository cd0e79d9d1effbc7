/* ia32 two-level non-PAE paging (phoenix-vm.md §4.2). Page tables are reached through a
 * scratch slot in the kernel's first page table; user page directories are mapped in kmap. */
#include "hal/pmap.h"
#include "hal/hal.h"
#include "include/errno.h"
#include "include/mman.h"
#include "include/syspage.h"
#include "lib/lib.h"
#include "proc/lock.h"
#include "hal/frames.h"
#include "config.h"

#define PTE_P  0x001u
#define PTE_W  0x002u
#define PTE_U  0x004u
#define PDE_TABLE (PTE_P | PTE_W | PTE_U)
#define SCRATCH_SLOTS 3
#define LOWMEM_END   0x100000u
#define HOLE_START   0x0a0000u
#define EBDA_FRAME   0x09f000u
#define STEP_4M      0x400000u

extern char _start_kernel[], _etext[], _end[], boot_pdir[], boot_stack[], boot_stack_top[];
extern char __syspage_start[];
extern syspage_t *syspage;

static struct {
	u32 kpdir[1024];
	u32 kptab[1024];
	u8 scratch[SCRATCH_SLOTS][SIZE_PAGE];
	addr_t minAddr;
	addr_t maxAddr;
	void *start;
	void *end;
	lock_t lock;
} pmap_common __attribute__((aligned(SIZE_PAGE)));

static void hal_tlbInvalidate(void *va)
{
	__asm__ volatile("invlpg (%0)" :: "r"(va) : "memory");
}

static u32 *pmap_scratchPte(unsigned int slot)
{
	return &pmap_common.kptab[((ptr_t)pmap_common.scratch[slot] - VADDR_KERNEL) >> 12];
}

void *pmap_scratchMap(unsigned int slot, addr_t pa)
{
	void *va = pmap_common.scratch[slot];

	*pmap_scratchPte(slot) = (pa & ~0xfffu) | PTE_P | PTE_W;
	hal_tlbInvalidate(va);
	return va;
}

void pmap_scratchReset(void)
{
	for (unsigned int s = 0; s < SCRATCH_SLOTS; s++)
		pmap_scratchMap(s, hal_kernelPhys(pmap_common.scratch[s]));
}

static void pmap_zeroFrame(addr_t pa)
{
	hal_memset(pmap_scratchMap(0, pa), 0, SIZE_PAGE);
}

void _pmap_init(pmap_t *pmap, void **vstart, void **vend)
{
	char *heapStart = _end, *heapEnd;
	size_t frames = HOLE_START / SIZE_PAGE + (hal_config.maxAddr - LOWMEM_END) / SIZE_PAGE;
	size_t heapPages = (frames * sizeof(page_t) + SIZE_PAGE - 1) / SIZE_PAGE;

	heapEnd = heapStart + heapPages * SIZE_PAGE;
	LIB_ASSERT((ptr_t)heapEnd <= VADDR_KERNEL + STEP_4M, "boot heap does not fit the first kernel page table");

	/* First match wins: specific reservations before the whole image. */
	_hal_memMapAdd(0, 1, PAGE_OWNER_KERNEL);
	_hal_memMapAdd(EBDA_FRAME, 1, PAGE_OWNER_BOOT);
	_hal_memMapAdd(hal_kernelPhys(pmap_common.kpdir), 2, PAGE_OWNER_KERNEL | PAGE_KERNEL_PTABLE);
	_hal_memMapAdd(hal_kernelPhys(boot_pdir), 1, PAGE_OWNER_KERNEL | PAGE_KERNEL_PTABLE);
	_hal_memMapAdd(hal_kernelPhys(boot_stack), (u32)((boot_stack_top - boot_stack) / SIZE_PAGE), PAGE_OWNER_KERNEL | PAGE_KERNEL_STACK);
	_hal_memMapAdd(hal_kernelPhys(__syspage_start), 1, PAGE_OWNER_KERNEL | PAGE_KERNEL_SYSPAGE);
	_hal_memMapAdd(hal_kernelPhys(_start_kernel), (u32)((_end - _start_kernel) / SIZE_PAGE), PAGE_OWNER_KERNEL);
	_hal_memMapAdd(hal_kernelPhys(heapStart), (u32)heapPages, PAGE_OWNER_KERNEL | PAGE_KERNEL_HEAP);
	hal_config.heapStart = heapStart;
	hal_config.ptable = pmap_common.scratch[0];
	pmap_common.minAddr = hal_config.minAddr;
	pmap_common.maxAddr = hal_config.maxAddr;
	proc_lockInit(&pmap_common.lock, "pmap.common");

	/* Low memory, image and boot heap at VADDR_KERNEL + pa; text read-only. */
	pmap_common.kpdir[VADDR_KERNEL >> 22] = hal_kernelPhys(pmap_common.kptab) | PDE_TABLE;
	for (char *va = (char *)VADDR_KERNEL; va < heapEnd; va += SIZE_PAGE) {
		u32 attr = (va >= _start_kernel && va < _etext) ? PTE_P : (PTE_P | PTE_W);
		pmap_common.kptab[((ptr_t)va - VADDR_KERNEL) >> 12] = hal_kernelPhys(va) | attr;
	}

	pmap->pdir = pmap_common.kpdir;
	pmap->cr3 = hal_kernelPhys(pmap_common.kpdir);
	pmap->start = (void *)VADDR_KERNEL;
	pmap->end = (void *)VADDR_MAX;
	pmap->pmapv = pmap_common.kpdir;
	pmap->pmapp = NULL;
	pmap_common.start = pmap->start;
	pmap_common.end = pmap->end;
	__asm__ volatile("mov %0, %%cr3" :: "r"(pmap->cr3) : "memory");

	*vstart = heapStart;
	*vend = heapEnd;
}

int pmap_getPage(page_t *page, addr_t *addr)
{
	addr_t a = *addr & ~(addr_t)(SIZE_PAGE - 1);

	if (a < pmap_common.minAddr)
		a = pmap_common.minAddr;
	if (a >= pmap_common.maxAddr)
		return -ENOMEM;
	if (a >= HOLE_START && a < LOWMEM_END) {
		*addr = LOWMEM_END;
		return -EINVAL;
	}

	page->addr = a;
	page->flags = PAGE_FREE;
	for (u32 i = 0; i < hal_config.memMap.count; i++) {
		hal_memEntry_t *e = &hal_config.memMap.entries[i];
		if (a >= e->start && a - e->start < e->pageCount * SIZE_PAGE) {
			page->flags = (u8)e->flags;
			*addr = a + SIZE_PAGE;
			return EOK;
		}
	}
	if (hal_inProg(a))
		page->flags = PAGE_OWNER_APP;
	*addr = a + SIZE_PAGE;
	return EOK;
}

int pmap_enter(pmap_t *pmap, addr_t pa, void *va, vm_attr_t attr, page_t *alloc)
{
	u32 pdi = (ptr_t)va >> 22, pti = ((ptr_t)va >> 12) & 0x3ff;
	u32 *pt;

	if (!(pmap->pdir[pdi] & PTE_P)) {
		if (alloc == NULL)
			return -EFAULT;
		pmap_zeroFrame(alloc->addr);
		pmap->pdir[pdi] = alloc->addr | PDE_TABLE;
	}
	/* PRESENT is always set on ia32, whatever attr says. */
	pt = pmap_scratchMap(0, pmap->pdir[pdi] & ~0xfffu);
	pt[pti] = (pa & ~0xfffu) | (attr & 0x1f) | PTE_P;
	hal_tlbInvalidate(va);
	return EOK;
}

int pmap_remove(pmap_t *pmap, void *vstart, void *vend)
{
	for (char *va = vstart; va < (char *)vend; va += SIZE_PAGE) {
		u32 pdi = (ptr_t)va >> 22;
		if (!(pmap->pdir[pdi] & PTE_P))
			continue;
		u32 *pt = pmap_scratchMap(0, pmap->pdir[pdi] & ~0xfffu);
		pt[((ptr_t)va >> 12) & 0x3ff] = 0;
		hal_tlbInvalidate(va);
	}
	return EOK;
}

/* The raw PTE, attribute bits included, as on Phoenix ia32. */
addr_t pmap_resolve(pmap_t *pmap, void *va)
{
	u32 pdi = (ptr_t)va >> 22;

	if (!(pmap->pdir[pdi] & PTE_P))
		return 0;
	u32 *pt = pmap_scratchMap(0, pmap->pdir[pdi] & ~0xfffu);
	return pt[((ptr_t)va >> 12) & 0x3ff];
}

int pmap_create(pmap_t *pmap, pmap_t *kpmap, page_t *p, void *vaddr)
{
	u32 *pdir = vaddr;

	pmap->pdir = pdir;
	pmap->cr3 = p->addr;
	pmap->pmapp = p;
	pmap->pmapv = vaddr;
	hal_memset(pdir, 0, SIZE_PAGE);
	/* Kernel PDEs 768..1022: the last one is not shared, as on Phoenix. */
	for (u32 i = VADDR_KERNEL >> 22; i < 1023; i++)
		pdir[i] = kpmap->pdir[i];
	return EOK;
}

void pmap_switch(pmap_t *pmap)
{
	__asm__ volatile("mov %0, %%cr3" :: "r"(pmap->cr3) : "memory");
}

int pmap_segment(unsigned int i, void **vaddr, size_t *size, vm_prot_t *prot, void **top)
{
	switch (i) {
		case 0:
			*vaddr = (void *)VADDR_KERNEL;
			*size = LOWMEM_END;
			*prot = PROT_READ | PROT_WRITE;
			return EOK;
		case 1:
			*vaddr = _start_kernel;
			*size = (size_t)(_etext - _start_kernel);
			*prot = PROT_READ | PROT_EXEC;
			return EOK;
		case 2:
			*vaddr = _etext;
			*size = (size_t)((char *)*top - _etext);
			*prot = PROT_READ | PROT_WRITE;
			return EOK;
		default:
			return -EINVAL;
	}
}

int _pmap_kernelSpaceExpand(pmap_t *pmap, void **start, void *end, page_t *dp)
{
	ptr_t va = (ptr_t)*start & ~(ptr_t)(STEP_4M - 1);

	for (; va < (ptr_t)end && va >= VADDR_KERNEL; va += STEP_4M) {
		if (pmap->pdir[va >> 22] & PTE_P)
			continue;
		if (dp == NULL) {
			*start = (void *)va;
			return -ENOMEM;
		}
		pmap_zeroFrame(dp->addr);
		pmap->pdir[va >> 22] = dp->addr | PDE_TABLE;
		dp = NULL;
	}
	pmap->end = end;
	pmap_common.end = end;
	*start = end;
	return EOK;
}
