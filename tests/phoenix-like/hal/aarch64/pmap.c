/* aarch64, 4 KiB granule (phoenix-vm.md §4.4). User maps: TTBR0 with T0SZ = 25, three levels
 * (ttl1 1 GiB, ttl2 2 MiB, ttl3 4 KiB). Kernel: TTBR1 with T1SZ = 34, 1 GiB at VADDR_KERNEL
 * walked from level 2 (kernel_ttl2); the kernel pmap keeps a software-only kernel_ttl1 whose
 * last entry points at kernel_ttl2, so one three-level walker serves both. Tables are reached
 * through scratch pages whose PTEs sit in kernel_ttl3. */
#include "hal/pmap.h"
#include "hal/hal.h"
#include "include/errno.h"
#include "include/mman.h"
#include "include/syspage.h"
#include "lib/lib.h"
#include "proc/lock.h"
#include "hal/frames.h"
#include "config.h"

#define D_VALID   0x001ul
#define D_TABLE   0x002ul  /* table at levels 1-2, page at level 3 */
#define D_ATTR(i) ((u64)(i) << 2)
#define D_AP1     (1ul << 6)   /* EL0 access */
#define D_AP2     (1ul << 7)   /* read-only */
#define D_ISH     (3ul << 8)
#define D_AF      (1ul << 10)
#define D_NG      (1ul << 11)
#define D_PXN     (1ul << 53)
#define D_UXN     (1ul << 54)
#define D_PA      0x0000fffffffff000ul
#define STEP_2M   0x200000ul
#define SCRATCH_SLOTS 3

#define TTL_IDX(lvl, va) (((ptr_t)(va) >> (39 - 9 * (lvl))) & 0x1ff)

extern char _start_kernel[], _etext[], _end[], boot_ttl1[], boot_stack[], boot_stack_top[];
extern char __syspage_start[];

/* Global and page-aligned, the tables first in Phoenix's order. */
struct {
	u64 kernel_ttl2[512];
	u64 kernel_ttl3[512];
	u64 devices_ttl3[512];
	u8 scratch_page[SCRATCH_SLOTS][SIZE_PAGE];
	u64 kernel_ttl1[512];
	u64 asidInUse[4];
	asid_t firstFreeAsid;
	void *start;
	void *end;
	lock_t lock;
	u32 dev_i;
} pmap_common __attribute__((aligned(SIZE_PAGE)));

static u64 pmap_table(addr_t pa)
{
	return (pa & D_PA) | D_TABLE | D_VALID;
}

static void hal_tlbInvalidate(void *va)
{
	__asm__ volatile("dsb ishst\ntlbi vaae1is, %0\ndsb ish\nisb" :: "r"(((ptr_t)va >> 12) & 0xffffffffffful) : "memory");
}

static u64 pmap_leaf(addr_t pa, vm_attr_t attr, void *va)
{
	u64 d;

	if (!(attr & PGHD_PRESENT))
		return 0;
	d = (pa & D_PA) | D_VALID | D_TABLE | D_AF | D_ISH;
	if ((ptr_t)va < VADDR_USR_MAX)
		d |= D_NG;
	if (!(attr & PGHD_EXEC))
		d |= D_PXN | D_UXN;
	if (!(attr & PGHD_WRITE))
		d |= D_AP2;
	if (attr & PGHD_USER)
		d |= D_AP1;
	if ((attr & (PGHD_NOT_CACHED | PGHD_DEV)) == (PGHD_NOT_CACHED | PGHD_DEV))
		d |= D_ATTR(3);
	else if (attr & PGHD_NOT_CACHED)
		d |= D_ATTR(1);
	else if (attr & PGHD_DEV)
		d |= D_ATTR(2);
	return d;
}

static u64 *pmap_scratchPte(unsigned int slot)
{
	return &pmap_common.kernel_ttl3[TTL_IDX(3, pmap_common.scratch_page[slot])];
}

void *pmap_scratchMap(unsigned int slot, addr_t pa)
{
	void *va = pmap_common.scratch_page[slot];

	*pmap_scratchPte(slot) = pmap_leaf(pa, PGHD_PRESENT | PGHD_WRITE, va);
	hal_tlbInvalidate(va);
	return va;
}

void pmap_scratchReset(void)
{
	for (unsigned int s = 0; s < SCRATCH_SLOTS; s++)
		pmap_scratchMap(s, hal_kernelPhys(pmap_common.scratch_page[s]));
}

static void pmap_zeroFrame(addr_t pa)
{
	hal_memset(pmap_scratchMap(0, pa), 0, SIZE_PAGE);
}

void _pmap_init(pmap_t *pmap, void **vstart, void **vend)
{
	char *heapStart = _end, *heapEnd;
	size_t frames = (hal_boot.ramEnd - hal_boot.ramStart) / SIZE_PAGE;
	size_t heapPages = (frames * sizeof(page_t) + SIZE_PAGE - 1) / SIZE_PAGE;
	addr_t ttbr1;

	heapEnd = heapStart + heapPages * SIZE_PAGE;
	LIB_ASSERT((ptr_t)heapEnd <= VADDR_KERNEL + STEP_2M, "boot heap does not fit kernel_ttl3's 2 MiB");

	proc_lockInit(&pmap_common.lock, "pmap.common");

	/* First match wins: specific reservations before the whole image. */
	hal_framesReserve(hal_kernelPhys(pmap_common.kernel_ttl2), 3, PAGE_OWNER_KERNEL | PAGE_KERNEL_PTABLE);
	hal_framesReserve(hal_kernelPhys(pmap_common.kernel_ttl1), 1, PAGE_OWNER_KERNEL | PAGE_KERNEL_PTABLE);
	hal_framesReserve(hal_kernelPhys(boot_ttl1), 2, PAGE_OWNER_KERNEL | PAGE_KERNEL_PTABLE);
	hal_imageReserve(heapStart, heapPages);

	/* Kernel image and boot heap in kernel_ttl3, 4 KiB pages: text R-X, the rest RW-. */
	pmap_common.kernel_ttl2[TTL_IDX(2, VADDR_KERNEL)] = pmap_table(hal_kernelPhys(pmap_common.kernel_ttl3));
	for (char *va = _start_kernel; va < heapEnd; va += SIZE_PAGE) {
		vm_attr_t attr = (va < _etext) ? (PGHD_PRESENT | PGHD_READ | PGHD_EXEC) : (PGHD_PRESENT | PGHD_READ | PGHD_WRITE);
		pmap_common.kernel_ttl3[TTL_IDX(3, va)] = pmap_leaf(hal_kernelPhys(va), attr, va);
	}

	/* Device window, the last MiB: the UART. */
	pmap_common.kernel_ttl2[TTL_IDX(2, VADDR_DTB)] = pmap_table(hal_kernelPhys(pmap_common.devices_ttl3));
	pmap_common.devices_ttl3[TTL_IDX(3, VADDR_DTB)] = pmap_leaf(UART_PA, PGHD_PRESENT | PGHD_WRITE | PGHD_DEV, (void *)VADDR_DTB);

	/* The software top level the kernel pmap is walked from. */
	pmap_common.kernel_ttl1[TTL_IDX(1, VADDR_KERNEL)] = pmap_table(hal_kernelPhys(pmap_common.kernel_ttl2));

	pmap->asid = 0;
	pmap->ttl1 = pmap_common.kernel_ttl1;
	pmap->addr = hal_kernelPhys(pmap_common.kernel_ttl1);
	pmap->start = (void *)VADDR_KERNEL;
	pmap->end = (void *)(VADDR_KERNEL + STEP_2M);
	pmap->pmapv = pmap_common.kernel_ttl1;
	pmap->pmapp = NULL;
	pmap_common.start = pmap->start;
	pmap_common.end = pmap->end;

	/* The kernel half leaves the boot blocks; TTBR0 keeps them until the first process runs. */
	ttbr1 = hal_kernelPhys(pmap_common.kernel_ttl2);
	__asm__ volatile("dsb ish\nmsr ttbr1_el1, %0\nisb\ntlbi vmalle1\ndsb ish\nisb" :: "r"(ttbr1) : "memory");
	hal_consoleSetBase((void *)VADDR_DTB);

	*vstart = heapStart;
	*vend = heapEnd;
}

int pmap_getPage(page_t *page, addr_t *addr)
{
	return hal_framesGetPage(page, addr, hal_boot.ramStart, hal_boot.ramEnd);
}

/* The ttl3 (leaf) table of va through the pmap's three levels, reached through scratch slot 0;
 * a missing level gets *alloc (then spent). NULL when a level is missing and there is no alloc. */
static u64 *pmap_leafTable(pmap_t *pmap, void *va, page_t **alloc)
{
	u64 *t = pmap->ttl1;
	addr_t tpa = 0;  /* physical address of t once it is a scratch mapping */

	for (int lvl = 1; lvl < 3; lvl++) {
		u64 e = t[TTL_IDX(lvl, va)];
		if (!(e & D_VALID)) {
			if (alloc == NULL || *alloc == NULL)
				return NULL;
			addr_t pa = (*alloc)->addr;
			*alloc = NULL;
			pmap_zeroFrame(pa);
			if (tpa != 0)
				t = pmap_scratchMap(0, tpa);
			e = pmap_table(pa);
			t[TTL_IDX(lvl, va)] = e;
		}
		tpa = e & D_PA;
		t = pmap_scratchMap(0, tpa);
	}
	return t;
}

int pmap_enter(pmap_t *pmap, addr_t pa, void *va, vm_attr_t attr, page_t *alloc)
{
	u64 *t = pmap_leafTable(pmap, va, &alloc);

	if (t == NULL)
		return -EFAULT;
	t[TTL_IDX(3, va)] = pmap_leaf(pa, attr, va);
	hal_tlbInvalidate(va);
	return EOK;
}

int pmap_remove(pmap_t *pmap, void *vstart, void *vend)
{
	for (char *va = vstart; va < (char *)vend; va += SIZE_PAGE) {
		u64 *t = pmap_leafTable(pmap, va, NULL);
		if (t != NULL) {
			t[TTL_IDX(3, va)] = 0;
			hal_tlbInvalidate(va);
		}
	}
	return EOK;
}

addr_t pmap_resolve(pmap_t *pmap, void *va)
{
	u64 *t = pmap_leafTable(pmap, va, NULL);

	if (t == NULL || !(t[TTL_IDX(3, va)] & D_VALID))
		return 0;
	return (addr_t)(t[TTL_IDX(3, va)] & D_PA);
}

/* A user ttl1: the kernel half is TTBR1's, nothing is copied. */
int pmap_create(pmap_t *pmap, pmap_t *kpmap, page_t *p, void *vaddr)
{
	(void)kpmap;
	pmap->asid = 0;
	pmap->ttl1 = vaddr;
	pmap->addr = p->addr;
	pmap->pmapp = p;
	pmap->pmapv = vaddr;
	hal_memset(vaddr, 0, SIZE_PDIR);
	return EOK;
}

void pmap_switch(pmap_t *pmap)
{
	u64 ttbr0 = pmap->addr | ((u64)pmap->asid << 48);
	__asm__ volatile("dsb ish\nmsr ttbr0_el1, %0\nisb\ntlbi vmalle1\ndsb ish\nisb" :: "r"(ttbr0) : "memory");
}

int _pmap_kernelSpaceExpand(pmap_t *pmap, void **start, void *end, page_t *dp)
{
	ptr_t va = (ptr_t)*start & ~(STEP_2M - 1);

	for (; va < (ptr_t)end; va += STEP_2M) {
		LIB_ASSERT(va >= VADDR_KERNEL && va < VADDR_DTB, "kernel space beyond its 1 GiB");
		if (pmap_common.kernel_ttl2[TTL_IDX(2, va)] & D_VALID)
			continue;
		if (dp == NULL) {
			*start = (void *)va;
			return -ENOMEM;
		}
		pmap_zeroFrame(dp->addr);
		pmap_common.kernel_ttl2[TTL_IDX(2, va)] = pmap_table(dp->addr);
		dp = NULL;
	}
	pmap->end = end;
	pmap_common.end = end;
	*start = end;
	return EOK;
}
