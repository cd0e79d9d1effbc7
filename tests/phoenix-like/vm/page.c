/* MMU physical page allocator: buddy lists over the sorted page_t array (phoenix-vm.md §3.1). */
#include "vm/page.h"
#include "include/errno.h"
#include "lib/lib.h"
#include "proc/lock.h"

/* 8 MiB: the least kernel VA the boot preallocates page tables for. */
#define KERNEL_SPACE_MIN (8u << 20)

static struct {
	page_t *sizes[SIZE_VM_SIZES];
	page_t *pages;
	size_t totalsz;
	size_t allocsz;
	size_t bootsz;
	lock_t lock;
} pages_info;

static unsigned int page_lastBit(u64 v)
{
	unsigned int b = 0;
	while (v >>= 1)
		b++;
	return b;
}

static size_t page_count(void)
{
	return pages_info.totalsz / SIZE_PAGE;
}

/* Circular list; add appends at the tail (before the head). */
static void page_listAdd(page_t **list, page_t *p)
{
	if (*list == NULL) {
		p->next = p;
		p->prev = p;
		*list = p;
		return;
	}
	p->prev = (*list)->prev;
	p->next = *list;
	(*list)->prev->next = p;
	(*list)->prev = p;
}

static void page_listRemove(page_t **list, page_t *p)
{
	if (p->next == p) {
		*list = NULL;
	}
	else {
		p->prev->next = p->next;
		p->next->prev = p->prev;
		if (*list == p)
			*list = p->next;
	}
	p->next = NULL;
	p->prev = NULL;
}

static page_t *_page_alloc(size_t size, u8 flags)
{
	unsigned int start, i;
	page_t *lh, *rh;

	if (size < SIZE_PAGE)
		size = SIZE_PAGE;
	start = page_lastBit(size);
	if ((size & (size - 1)) != 0)
		start++;

	for (i = start; i < SIZE_VM_SIZES && pages_info.sizes[i] == NULL; i++)
		;
	if (i >= SIZE_VM_SIZES)
		return NULL;

	/* Split down, always keeping the lower half. */
	lh = pages_info.sizes[i];
	while (i > start) {
		page_listRemove(&pages_info.sizes[i], lh);
		i--;
		rh = lh + ((size_t)1 << i) / SIZE_PAGE;
		lh->idx = (u8)i;
		rh->idx = (u8)i;
		page_listAdd(&pages_info.sizes[i], lh);
		page_listAdd(&pages_info.sizes[i], rh);
	}
	page_listRemove(&pages_info.sizes[i], lh);

	for (size_t k = 0; k < ((size_t)1 << lh->idx) / SIZE_PAGE; k++) {
		/* Owner/usage bits accumulate: only FREE is ever cleared. */
		lh[k].flags &= ~PAGE_FREE;
		lh[k].flags |= flags;
		pages_info.allocsz += SIZE_PAGE;
	}
	return lh;
}

page_t *vm_pageAlloc(size_t size, u8 flags)
{
	return _page_alloc(size, flags);
}

void vm_pageFree(page_t *p)
{
	page_t *lh, *rh, *buddy;
	size_t n = page_count(), pi;
	unsigned int idx;

	if (p == NULL)
		return;
	if (p->flags & PAGE_FREE)
		lib_panic("page: double free");

	for (size_t k = 0; k < ((size_t)1 << p->idx) / SIZE_PAGE; k++) {
		p[k].flags |= PAGE_FREE;
		pages_info.allocsz -= SIZE_PAGE;
	}

	idx = p->idx;
	while (idx < SIZE_VM_SIZES - 1) {
		size_t step = ((size_t)1 << idx) / SIZE_PAGE;
		pi = (size_t)(p - pages_info.pages);
		if (((u64)p->addr & (((u64)2 << idx) - 1)) != 0) {
			if (pi < step)
				break;
			lh = p - step;
			rh = p;
		}
		else {
			if (pi + step >= n)
				break;
			lh = p;
			rh = p + step;
		}
		if (!(lh->flags & PAGE_FREE) || !(rh->flags & PAGE_FREE) || lh->idx != rh->idx ||
				(u64)lh->addr + ((u64)1 << idx) != (u64)rh->addr)
			break;
		buddy = (lh == p) ? rh : lh;
		page_listRemove(&pages_info.sizes[idx], buddy);
		rh->idx = _PAGE_SHIFT;
		lh->idx++;
		idx++;
		p = lh;
	}
	page_listAdd(&pages_info.sizes[p->idx], p);
}

page_t *page_get(addr_t addr)
{
	size_t lo = 0, hi = page_count();

	addr &= ~(addr_t)(SIZE_PAGE - 1);
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (pages_info.pages[mid].addr == addr)
			return &pages_info.pages[mid];
		if (pages_info.pages[mid].addr < addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

int page_map(pmap_t *pmap, void *vaddr, addr_t pa, int attr)
{
	page_t *ap = NULL;

	while (pmap_enter(pmap, pa, vaddr, (vm_attr_t)attr, ap) < 0) {
		ap = _page_alloc(SIZE_PAGE, PAGE_OWNER_KERNEL | PAGE_KERNEL_PTABLE);
		if (ap == NULL)
			return -ENOMEM;
	}
	return EOK;
}

int _page_sbrk(pmap_t *pmap, void **start, void **end)
{
	page_t *np = _page_alloc(SIZE_PAGE, PAGE_OWNER_KERNEL | PAGE_KERNEL_HEAP);

	(void)start;
	if (np == NULL)
		return -ENOMEM;
	if (page_map(pmap, *end, np->addr, PGHD_PRESENT | PGHD_READ | PGHD_WRITE) < 0) {
		vm_pageFree(np);
		return -ENOMEM;
	}
	*end = (char *)*end + SIZE_PAGE;
	return EOK;
}

void vm_pageGetStats(size_t *freesz)
{
	*freesz = pages_info.totalsz - pages_info.allocsz;
}

void vm_pageinfo(meminfo_t *info)
{
	size_t n = page_count();
	int runs = 0;

	info->page.alloc = (unsigned int)pages_info.allocsz;
	info->page.free = (unsigned int)(pages_info.totalsz - pages_info.allocsz);
	info->page.boot = (unsigned int)pages_info.bootsz;
	info->page.sz = sizeof(page_t);

	if (info->page.mapsz == -1)
		return;

	/* One run per stretch of equal markers at consecutive addresses; runs past the
	 * caller's capacity are counted but not written. */
	char prevMarker = 0;
	addr_t prevAddr = 0;
	for (size_t i = 0; i < n; i++) {
		page_t *p = &pages_info.pages[i];
		char m = pmap_marker(p);
		if (i > 0 && m == prevMarker && p->addr == prevAddr + SIZE_PAGE) {
			if (runs - 1 < info->page.mapsz && info->page.map != NULL)
				info->page.map[runs - 1].count++;
		}
		else {
			if (runs < info->page.mapsz && info->page.map != NULL) {
				info->page.map[runs].count = 1;
				info->page.map[runs].addr = p->addr;
				info->page.map[runs].marker = m;
			}
			runs++;
		}
		prevMarker = m;
		prevAddr = p->addr;
	}
	info->page.mapsz = runs;
}

/* Rebuilds the lists as maximal naturally aligned blocks of array neighbours. */
static void _page_initSizes(void)
{
	size_t n = page_count(), i = 0;

	for (unsigned int k = 0; k < SIZE_VM_SIZES; k++)
		pages_info.sizes[k] = NULL;

	while (i < n) {
		page_t *p = &pages_info.pages[i];
		if (!(p->flags & PAGE_FREE)) {
			i++;
			continue;
		}
		unsigned int align = SIZE_VM_SIZES - 1;
		if (p->addr != 0) {
			align = 0;
			while ((((u64)p->addr >> align) & 1) == 0)
				align++;
		}
		u64 maxCount = (align - _PAGE_SHIFT >= 63) ? ~0ull : ((u64)1 << (align - _PAGE_SHIFT));
		size_t count = 0;
		while (count < maxCount && i + count < n && (pages_info.pages[i + count].flags & PAGE_FREE))
			count++;
		unsigned int order = page_lastBit((u64)count * SIZE_PAGE);
		p->idx = (u8)order;
		page_listAdd(&pages_info.sizes[order], p);
		i += ((size_t)1 << order) / SIZE_PAGE;
	}
}

void _page_init(pmap_t *pmap, void **bss, void **top)
{
	addr_t addr = 0;
	size_t n = 0;
	page_t *page;
	int err;

	proc_lockInit(&pages_info.lock, "page.info");
	pages_info.pages = (page_t *)*bss;
	pages_info.totalsz = 0;
	pages_info.allocsz = 0;
	pages_info.bootsz = 0;

	for (;;) {
		page = &pages_info.pages[n];
		/* The slot is written before we know whether it counts: keep it inside the heap
		 * _pmap_init premapped for the array. */
		if ((char *)(page + 1) > (char *)*top) {
			page_t probe;
			LIB_ASSERT(pmap_getPage(&probe, &addr) == -ENOMEM, "page array outgrew the premapped heap");
			break;
		}
		err = pmap_getPage(page, &addr);
		if (err == -ENOMEM)
			break;
		if (err == -EINVAL)
			continue;
		page->next = NULL;
		page->prev = NULL;
		pages_info.totalsz += SIZE_PAGE;
		if (page->flags & PAGE_FREE) {
			page->idx = _PAGE_SHIFT;
		}
		else {
			page->idx = 0;
			pages_info.allocsz += SIZE_PAGE;
			if (((page->flags >> 1) & 3) == 0)
				pages_info.bootsz += SIZE_PAGE;
		}
		n++;
		if (addr < SIZE_PAGE)
			break;
	}
	*bss = &pages_info.pages[n];

	_page_initSizes();

	lib_printf("vm: Initializing page allocator (%zu+%zu)/%zuKB, page_t=%u\n",
		(pages_info.allocsz - pages_info.bootsz) / 1024, pages_info.bootsz / 1024,
		pages_info.totalsz / 1024, (unsigned int)sizeof(page_t));

	/* Preallocate the kernel's page tables so every user pmap shares them. */
	size_t span = pages_info.totalsz / 4;
	if (span < KERNEL_SPACE_MIN)
		span = KERNEL_SPACE_MIN;
	void *vaddr = *top;
	void *end = (char *)*top + span;
	page_t *ptable = NULL;
	while (_pmap_kernelSpaceExpand(pmap, &vaddr, end, ptable) != EOK) {
		ptable = _page_alloc(SIZE_PAGE, PAGE_OWNER_KERNEL | PAGE_KERNEL_PTABLE);
		LIB_ASSERT(ptable != NULL, "no page for a kernel page table");
	}
}
