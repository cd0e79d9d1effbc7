/* riscv64 Sv39 (phoenix-vm.md §4.5). The kernel lives at VADDR_KERNEL in pdir2[0xff]; devices
 * (DTB, UART) at VADDR_DTB in pdir2[511]. Page tables are reached through the ptable
 * scratch page, whose PTE sits in the kernel's first pdir0. */
#include "hal/pmap.h"
#include "hal/hal.h"
#include "include/errno.h"
#include "include/mman.h"
#include "include/syspage.h"
#include "lib/lib.h"
#include "proc/lock.h"
#include "hal/frames.h"
#include "config.h"

#define PTE_V    0x01ul
#define PTE_LEAF 0xc1ul  /* A | D | V */
#define STEP_2M  0x200000ul
#define SCRATCH_SLOTS 3

extern char _start_kernel[], _etext[], _end[], boot_pdir2[], boot_stack[], boot_stack_top[];
extern char __syspage_start[];
extern syspage_t *syspage;
extern syspage_t *hal_syspage;

struct {
	u64 pdir2[512];
	u64 pdir1[512];
	u64 pdir0[512];
	u64 ddir1[512];  /* VADDR_DTB window */
	u64 ddir0[512];
	u8 ptable[SCRATCH_SLOTS][SIZE_PAGE];
	addr_t minAddr;
	addr_t maxAddr;
	void *start;
	void *end;
	lock_t lock;
	addr_t dtb;
	size_t dtbsz;
	addr_t kernel;
	size_t kernelsz;
	void *vkernelEnd;
} pmap_common __attribute__((aligned(SIZE_PAGE)));

static u64 pmap_pte(addr_t pa, u64 bits)
{
	return ((pa >> 12) << 10) | bits;
}

static addr_t pmap_ptePa(u64 pte)
{
	return (addr_t)((pte >> 10) << 12);
}

static void hal_tlbInvalidate(void *va)
{
	__asm__ volatile("sfence.vma %0, zero" :: "r"(va) : "memory");
}

static u64 *pmap_scratchPte(unsigned int slot)
{
	return &pmap_common.pdir0[((ptr_t)pmap_common.ptable[slot] >> 12) & 0x1ff];
}

void *pmap_scratchMap(unsigned int slot, addr_t pa)
{
	void *va = pmap_common.ptable[slot];

	*pmap_scratchPte(slot) = pmap_pte(pa, PTE_LEAF | PGHD_READ | PGHD_WRITE);
	hal_tlbInvalidate(va);
	return va;
}

void pmap_scratchReset(void)
{
	for (unsigned int s = 0; s < SCRATCH_SLOTS; s++)
		pmap_scratchMap(s, hal_kernelPhys(pmap_common.ptable[s]));
}

static void pmap_zeroFrame(addr_t pa)
{
	hal_memset(pmap_scratchMap(0, pa), 0, SIZE_PAGE);
}

/* W without R is reserved in Sv39, so writable leaves are readable too. */
static u64 pmap_leafBits(vm_attr_t attr)
{
	u64 bits = PTE_LEAF | (attr & 0x3f);
	if (bits & PGHD_WRITE)
		bits |= PGHD_READ;
	return bits;
}

void _pmap_init(pmap_t *pmap, void **vstart, void **vend)
{
	char *heapStart = _end, *heapEnd;
	size_t frames = (hal_boot.ramEnd - hal_boot.ramStart) / SIZE_PAGE;
	size_t heapPages = (frames * sizeof(page_t) + SIZE_PAGE - 1) / SIZE_PAGE;
	size_t dtbPages = (hal_boot.dtbsz + SIZE_PAGE - 1) / SIZE_PAGE;
	size_t i;

	hal_syspage = syspage;
	heapEnd = heapStart + heapPages * SIZE_PAGE;
	LIB_ASSERT((ptr_t)heapEnd <= VADDR_KERNEL + STEP_2M, "boot heap does not fit the first pdir0");

	pmap_common.minAddr = hal_boot.ramStart;
	pmap_common.maxAddr = hal_boot.ramEnd;
	pmap_common.dtb = hal_boot.dtb;
	pmap_common.dtbsz = hal_boot.dtbsz;
	pmap_common.kernel = hal_kernelPhys(_start_kernel);
	pmap_common.kernelsz = (size_t)(_end - _start_kernel);
	pmap_common.vkernelEnd = _end;
	proc_lockInit(&pmap_common.lock, "pmap.common");

	/* First match wins: specific reservations before the whole image. */
	hal_framesReserve(hal_kernelPhys(pmap_common.pdir2), 5, PAGE_OWNER_KERNEL | PAGE_KERNEL_PTABLE);
	hal_framesReserve(hal_kernelPhys(boot_pdir2), 1, PAGE_OWNER_KERNEL | PAGE_KERNEL_PTABLE);
	hal_imageReserve(heapStart, heapPages);

	/* Kernel image and boot heap, 4 KiB pages: text R-X, the rest RW-. */
	pmap_common.pdir2[(VADDR_KERNEL >> 30) & 0x1ff] = pmap_pte(hal_kernelPhys(pmap_common.pdir1), PTE_V);
	pmap_common.pdir1[(VADDR_KERNEL >> 21) & 0x1ff] = pmap_pte(hal_kernelPhys(pmap_common.pdir0), PTE_V);
	for (char *va = _start_kernel; va < heapEnd; va += SIZE_PAGE) {
		vm_attr_t attr = (va < _etext) ? (PGHD_PRESENT | PGHD_READ | PGHD_EXEC) : (PGHD_PRESENT | PGHD_READ | PGHD_WRITE);
		pmap_common.pdir0[((ptr_t)va >> 12) & 0x1ff] = pmap_pte(hal_kernelPhys(va), pmap_leafBits(attr));
	}

	/* Device window: the DTB pages, then the UART. */
	pmap_common.pdir2[(VADDR_DTB >> 30) & 0x1ff] = pmap_pte(hal_kernelPhys(pmap_common.ddir1), PTE_V);
	pmap_common.ddir1[(VADDR_DTB >> 21) & 0x1ff] = pmap_pte(hal_kernelPhys(pmap_common.ddir0), PTE_V);
	for (i = 0; i < dtbPages; i++)
		pmap_common.ddir0[i] = pmap_pte((hal_boot.dtb & ~(addr_t)(SIZE_PAGE - 1)) + i * SIZE_PAGE, pmap_leafBits(PGHD_PRESENT | PGHD_READ));
	pmap_common.ddir0[i] = pmap_pte(UART_PA, pmap_leafBits(PGHD_PRESENT | PGHD_READ | PGHD_WRITE));

	pmap->pdir2 = pmap_common.pdir2;
	pmap->satp = SATP_MODE_SV39 | (hal_kernelPhys(pmap_common.pdir2) >> 12);
	pmap->start = (void *)VADDR_KERNEL;
	pmap->end = (void *)(VADDR_KERNEL + (1ul << 30));
	pmap->pmapv = pmap_common.pdir2;
	pmap->pmapp = NULL;
	pmap_common.start = pmap->start;
	pmap_common.end = pmap->end;

	__asm__ volatile("sfence.vma\ncsrw satp, %0\nsfence.vma" :: "r"(pmap->satp) : "memory");
	hal_consoleSetBase((void *)(VADDR_DTB + i * SIZE_PAGE));

	*vstart = heapStart;
	*vend = heapEnd;
}

int pmap_getPage(page_t *page, addr_t *addr)
{
	return hal_framesGetPage(page, addr, pmap_common.minAddr, pmap_common.maxAddr);
}

/* Walks to the leaf table of va, installing alloc where a level is missing. */
int pmap_enter(pmap_t *pmap, addr_t pa, void *va, vm_attr_t attr, page_t *alloc)
{
	u64 *pdir2 = pmap->pdir2, *t;
	unsigned int i2 = ((ptr_t)va >> 30) & 0x1ff, i1 = ((ptr_t)va >> 21) & 0x1ff, i0 = ((ptr_t)va >> 12) & 0x1ff;

	if (!(pdir2[i2] & PTE_V)) {
		if (alloc == NULL)
			return -EFAULT;
		pmap_zeroFrame(alloc->addr);
		pdir2[i2] = pmap_pte(alloc->addr, PTE_V);
		alloc = NULL;
	}
	t = pmap_scratchMap(0, pmap_ptePa(pdir2[i2]));
	if (!(t[i1] & PTE_V)) {
		if (alloc == NULL)
			return -EFAULT;
		pmap_zeroFrame(alloc->addr);
		t = pmap_scratchMap(0, pmap_ptePa(pdir2[i2]));
		t[i1] = pmap_pte(alloc->addr, PTE_V);
	}
	t = pmap_scratchMap(0, pmap_ptePa(t[i1]));
	t[i0] = pmap_pte(pa, pmap_leafBits(attr));
	hal_tlbInvalidate(va);
	return EOK;
}

static u64 *pmap_leafTable(pmap_t *pmap, void *va)
{
	u64 e2 = pmap->pdir2[((ptr_t)va >> 30) & 0x1ff], *t;

	if (!(e2 & PTE_V))
		return NULL;
	t = pmap_scratchMap(0, pmap_ptePa(e2));
	if (!(t[((ptr_t)va >> 21) & 0x1ff] & PTE_V))
		return NULL;
	return pmap_scratchMap(0, pmap_ptePa(t[((ptr_t)va >> 21) & 0x1ff]));
}

int pmap_remove(pmap_t *pmap, void *vstart, void *vend)
{
	for (char *va = vstart; va < (char *)vend; va += SIZE_PAGE) {
		u64 *t = pmap_leafTable(pmap, va);
		if (t != NULL) {
			t[((ptr_t)va >> 12) & 0x1ff] = 0;
			hal_tlbInvalidate(va);
		}
	}
	return EOK;
}

addr_t pmap_resolve(pmap_t *pmap, void *va)
{
	u64 *t = pmap_leafTable(pmap, va);

	if (t == NULL || !(t[((ptr_t)va >> 12) & 0x1ff] & PTE_V))
		return 0;
	return pmap_ptePa(t[((ptr_t)va >> 12) & 0x1ff]);
}

int pmap_create(pmap_t *pmap, pmap_t *kpmap, page_t *p, void *vaddr)
{
	u64 *pdir2 = vaddr;

	pmap->pdir2 = pdir2;
	pmap->satp = SATP_MODE_SV39 | (p->addr >> 12);
	pmap->pmapp = p;
	pmap->pmapv = vaddr;
	hal_memset(pdir2, 0, SIZE_PAGE);
	/* Share the kernel's 1 GiB slots and the device window. */
	for (ptr_t va = (ptr_t)kpmap->start & ~((1ul << 30) - 1); va < (ptr_t)kpmap->end; va += 1ul << 30)
		pdir2[(va >> 30) & 0x1ff] = kpmap->pdir2[(va >> 30) & 0x1ff];
	pdir2[511] = kpmap->pdir2[511];
	return EOK;
}

void pmap_switch(pmap_t *pmap)
{
	__asm__ volatile("sfence.vma\ncsrw satp, %0\nsfence.vma" :: "r"(pmap->satp) : "memory");
}

int _pmap_kernelSpaceExpand(pmap_t *pmap, void **start, void *end, page_t *dp)
{
	ptr_t va = (ptr_t)*start & ~(STEP_2M - 1);

	for (; va < (ptr_t)end; va += STEP_2M) {
		LIB_ASSERT(((va >> 30) & 0x1ff) == ((VADDR_KERNEL >> 30) & 0x1ff), "kernel space beyond its 1 GiB slot");
		if (pmap_common.pdir1[(va >> 21) & 0x1ff] & PTE_V)
			continue;
		if (dp == NULL) {
			*start = (void *)va;
			return -ENOMEM;
		}
		pmap_zeroFrame(dp->addr);
		pmap_common.pdir1[(va >> 21) & 0x1ff] = pmap_pte(dp->addr, PTE_V);
		dp = NULL;
	}
	pmap->end = end;
	pmap_common.end = end;
	*start = end;
	return EOK;
}
