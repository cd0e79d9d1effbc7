/* armv7a short descriptors (phoenix-vm.md §4.3). TTBCR.N = 1: TTBR0 walks a process's 8 KiB L1
 * (VAs below 2 GiB), TTBR1 the kernel's 16 KiB kpdir. L2 tables are 1 KiB; one 4 KiB page holds
 * four of them, installed as four consecutive L1 entries, so a table page covers 4 MiB and the
 * page-table index (va >> 12) & 0x3ff addresses all of its words. Tables are reached through
 * scratch pages whose PTEs sit in kptab, the kernel's first table page. */
#include "hal/pmap.h"
#include "hal/hal.h"
#include "include/errno.h"
#include "include/mman.h"
#include "include/syspage.h"
#include "lib/lib.h"
#include "proc/lock.h"
#include "hal/frames.h"
#include "config.h"

#define L1_TABLE      0x001u
#define L1_VALID      0x003u
#define TT2S_SMALL    0x002u
#define TT2S_XN       0x001u
#define TT2S_AP0      0x010u  /* "ACCESSFLAG": with SCTLR.AFE = 0 a permission bit */
#define TT2S_PL0      0x020u
#define TT2S_RO       0x200u
#define TT2S_S        0x400u
#define TT2S_NG       0x800u
#define TT2S_CACHED   0x04cu  /* TEX = 1, C, B */
#define TT2S_NOTCACHED 0x040u
#define TT2S_SHAREDEV 0x004u
#define STEP_4M       0x400000u
#define SCRATCH_SLOTS 3

extern char _start_kernel[], _etext[], _end[], boot_pdir[], boot_stack[], boot_stack_top[];
extern char __syspage_start[];

/* Global, as Phoenix has it (its assembly references it). */
struct {
	u32 kpdir[4096];
	u32 kptab[1024];
	u32 excptab[1024];
	u8 sptab[SCRATCH_SLOTS][SIZE_PAGE];
	pmap_t *asid_map[256];
	u8 asids[256];
	addr_t minAddr;
	addr_t maxAddr;
	void *start;
	void *end;
	lock_t lock;
	u32 asidptr;
	u32 dev_i;
} pmap_common __attribute__((aligned(16384)));

static u32 attrMap[32];

static void hal_tlbInvalidate(void *va)
{
	__asm__ volatile("mcr p15, 0, %0, c8, c7, 1\ndsb\nisb" :: "r"((ptr_t)va & ~(SIZE_PAGE - 1)) : "memory");
}

static u32 *pmap_scratchPte(unsigned int slot)
{
	return &pmap_common.kptab[((ptr_t)pmap_common.sptab[slot] >> 12) & 0x3ff];
}

void *pmap_scratchMap(unsigned int slot, addr_t pa)
{
	void *va = pmap_common.sptab[slot];

	*pmap_scratchPte(slot) = (pa & ~(SIZE_PAGE - 1)) | attrMap[PGHD_WRITE] | TT2S_SMALL;
	hal_tlbInvalidate(va);
	return va;
}

void pmap_scratchReset(void)
{
	for (unsigned int s = 0; s < SCRATCH_SLOTS; s++)
		pmap_scratchMap(s, hal_kernelPhys(pmap_common.sptab[s]));
}

static void pmap_zeroFrame(addr_t pa)
{
	hal_memset(pmap_scratchMap(0, pa), 0, SIZE_PAGE);
}

/* attrMap[attr & 0x1f]: the L2 small-page bits Phoenix derives from the attribute bits. */
static void pmap_attrMapInit(void)
{
	for (unsigned int a = 0; a < 32; a++) {
		u32 d = TT2S_AP0 | TT2S_S;
		if (!(a & PGHD_EXEC))
			d |= TT2S_XN;
		if (!(a & PGHD_WRITE))
			d |= TT2S_RO;
		if (a & PGHD_USER)
			d |= TT2S_PL0 | TT2S_NG;
		if (a & PGHD_DEV)
			d |= TT2S_SHAREDEV;
		else
			d |= (a & PGHD_NOT_CACHED) ? TT2S_NOTCACHED : TT2S_CACHED;
		attrMap[a] = d;
	}
}

static u32 pmap_leaf(addr_t pa, vm_attr_t attr)
{
	if (!(attr & PGHD_PRESENT))
		return 0;
	return (pa & ~(SIZE_PAGE - 1)) | attrMap[attr & 0x1f] | TT2S_SMALL;
}

/* Four consecutive L1 entries for the table page at pa, covering the 4 MiB around va. */
static void pmap_setTables(u32 *pdir, ptr_t va, addr_t pa)
{
	unsigned int first = (va >> 20) & ~3u;

	for (unsigned int k = 0; k < 4; k++)
		pdir[first + k] = (pa + k * 0x400u) | L1_TABLE;
}

void _pmap_init(pmap_t *pmap, void **vstart, void **vend)
{
	char *heapStart = _end, *heapEnd;
	size_t frames = (hal_boot.ramEnd - hal_boot.ramStart) / SIZE_PAGE;
	size_t heapPages = (frames * sizeof(page_t) + SIZE_PAGE - 1) / SIZE_PAGE;
	u32 ttbr1;

	pmap_attrMapInit();
	heapEnd = heapStart + heapPages * SIZE_PAGE;
	LIB_ASSERT((ptr_t)heapEnd <= VADDR_KERNEL + STEP_4M, "boot heap does not fit kptab's 4 MiB");

	pmap_common.minAddr = hal_boot.ramStart;
	pmap_common.maxAddr = hal_boot.ramEnd;
	proc_lockInit(&pmap_common.lock, "pmap.common");

	/* First match wins: specific reservations before the whole image. */
	hal_framesReserve(hal_kernelPhys(pmap_common.kpdir), 6, PAGE_OWNER_KERNEL | PAGE_KERNEL_PTABLE);
	hal_framesReserve(hal_kernelPhys(boot_pdir), 4, PAGE_OWNER_KERNEL | PAGE_KERNEL_PTABLE);
	hal_imageReserve(heapStart, heapPages);

	/* Kernel image and boot heap in kptab, 4 KiB pages: text R-X, the rest RW-. */
	pmap_setTables(pmap_common.kpdir, VADDR_KERNEL, hal_kernelPhys(pmap_common.kptab));
	for (char *va = _start_kernel; va < heapEnd; va += SIZE_PAGE) {
		vm_attr_t attr = (va < _etext) ? (PGHD_PRESENT | PGHD_READ | PGHD_EXEC) : (PGHD_PRESENT | PGHD_READ | PGHD_WRITE);
		pmap_common.kptab[((ptr_t)va >> 12) & 0x3ff] = pmap_leaf(hal_kernelPhys(va), attr);
	}

	/* Device window: the UART. */
	pmap_setTables(pmap_common.kpdir, VADDR_DEVICES, hal_kernelPhys(pmap_common.excptab));
	pmap_common.excptab[0] = pmap_leaf(UART_PA, PGHD_PRESENT | PGHD_WRITE | PGHD_DEV);

	pmap->asid_ix = 0;
	pmap->pdir = pmap_common.kpdir;
	pmap->addr = hal_kernelPhys(pmap_common.kpdir);
	pmap->start = (void *)VADDR_KERNEL;
	pmap->end = (void *)(VADDR_KERNEL + STEP_4M);
	pmap->pmapv = pmap_common.kpdir;
	pmap->pmapp = NULL;
	pmap_common.start = pmap->start;
	pmap_common.end = pmap->end;

	/* The kernel half leaves the boot sections; TTBR0 keeps them until the first process runs. */
	ttbr1 = pmap->addr | TTBR_CACHE_CONF;
	__asm__ volatile("dsb\nmcr p15, 0, %0, c2, c0, 1\nmov r0, #0\nmcr p15, 0, r0, c8, c7, 0\ndsb\nisb" :: "r"(ttbr1) : "r0", "memory");
	hal_consoleSetBase((void *)VADDR_DEVICES);

	*vstart = heapStart;
	*vend = heapEnd;
}

int pmap_getPage(page_t *page, addr_t *addr)
{
	return hal_framesGetPage(page, addr, pmap_common.minAddr, pmap_common.maxAddr);
}

/* The L1 table a VA belongs to: TTBR1's kpdir above 2 GiB, the pmap's own below. */
static u32 *pmap_l1(pmap_t *pmap, void *va)
{
	return ((ptr_t)va >= VADDR_USR_MAX) ? pmap_common.kpdir : pmap->pdir;
}

int pmap_enter(pmap_t *pmap, addr_t pa, void *va, vm_attr_t attr, page_t *alloc)
{
	u32 *pdir = pmap_l1(pmap, va), *t;
	unsigned int i1 = (ptr_t)va >> 20;

	if (!(pdir[i1] & L1_VALID)) {
		if (alloc == NULL)
			return -EFAULT;
		pmap_zeroFrame(alloc->addr);
		pmap_setTables(pdir, (ptr_t)va, alloc->addr);
	}
	t = pmap_scratchMap(0, pdir[i1] & ~0xfffu);
	t[((ptr_t)va >> 12) & 0x3ff] = pmap_leaf(pa, attr);
	hal_tlbInvalidate(va);
	return EOK;
}

int pmap_remove(pmap_t *pmap, void *vstart, void *vend)
{
	for (char *va = vstart; va < (char *)vend; va += SIZE_PAGE) {
		u32 *pdir = pmap_l1(pmap, va);
		if (pdir[(ptr_t)va >> 20] & L1_VALID) {
			u32 *t = pmap_scratchMap(0, pdir[(ptr_t)va >> 20] & ~0xfffu);
			t[((ptr_t)va >> 12) & 0x3ff] = 0;
			hal_tlbInvalidate(va);
		}
	}
	return EOK;
}

/* The raw L2 descriptor's frame, as Phoenix's pmap_resolve returns the descriptor itself. */
addr_t pmap_resolve(pmap_t *pmap, void *va)
{
	u32 *pdir = pmap_l1(pmap, va), *t, d;

	if (!(pdir[(ptr_t)va >> 20] & L1_VALID))
		return 0;
	t = pmap_scratchMap(0, pdir[(ptr_t)va >> 20] & ~0xfffu);
	d = t[((ptr_t)va >> 12) & 0x3ff];
	return (d & TT2S_SMALL) ? (d & ~(SIZE_PAGE - 1)) : 0;
}

/* A user L1 of 2048 entries: the kernel half is TTBR1's, nothing is copied. */
int pmap_create(pmap_t *pmap, pmap_t *kpmap, page_t *p, void *vaddr)
{
	(void)kpmap;
	pmap->asid_ix = 0;
	pmap->pdir = vaddr;
	pmap->addr = p->addr;
	pmap->pmapp = p;
	pmap->pmapv = vaddr;
	hal_memset(vaddr, 0, SIZE_PDIR);
	return EOK;
}

void pmap_switch(pmap_t *pmap)
{
	u32 ttbr0 = pmap->addr | TTBR_CACHE_CONF;
	__asm__ volatile("dsb\nmcr p15, 0, %0, c2, c0, 0\nmov r0, #0\nmcr p15, 0, r0, c8, c7, 0\ndsb\nisb" :: "r"(ttbr0) : "r0", "memory");
}

int _pmap_kernelSpaceExpand(pmap_t *pmap, void **start, void *end, page_t *dp)
{
	ptr_t va = (ptr_t)*start & ~(STEP_4M - 1);

	for (; va < (ptr_t)end; va += STEP_4M) {
		if (pmap_common.kpdir[va >> 20] & L1_VALID)
			continue;
		if (dp == NULL) {
			*start = (void *)va;
			return -ENOMEM;
		}
		pmap_zeroFrame(dp->addr);
		pmap_setTables(pmap_common.kpdir, va, dp->addr);
		dp = NULL;
	}
	pmap->end = end;
	pmap_common.end = end;
	*start = end;
	return EOK;
}
