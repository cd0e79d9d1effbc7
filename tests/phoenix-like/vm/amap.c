/* Anonymous memory: refcounted anons in amap slots, zero-fill and copy-on-write (§3.8). */
#include "vm/vm.h"
#include "include/errno.h"
#include "lib/lib.h"

static struct {
	vm_object_t *kernel;
	vm_map_t *kmap;
} amap_common;

static anon_t *anon_new(page_t *p)
{
	anon_t *a = vm_kmalloc(sizeof(anon_t));

	if (a == NULL)
		return NULL;
	proc_lockInit(&a->lock, "anon");
	a->refs = 1;
	a->page = p;
	return a;
}

static void anon_put(anon_t *a)
{
	if (a == NULL)
		return;
	if (--a->refs == 0) {
		vm_pageFree(a->page);
		vm_kfree(a);
	}
}

/* At least 512 bytes of slots, so neighbouring anonymous entries can share the amap. */
static amap_t *amap_new(size_t size)
{
	size_t slots = size / SIZE_PAGE;
	size_t minSlots = (512 - sizeof(amap_t)) / sizeof(anon_t *);
	amap_t *amap;

	if (slots < minSlots)
		slots = minSlots;
	amap = vm_kmalloc(sizeof(amap_t) + slots * sizeof(anon_t *));
	if (amap == NULL)
		return NULL;
	proc_lockInit(&amap->lock, "amap");
	amap->size = slots;
	amap->refs = 1;
	for (size_t i = 0; i < slots; i++)
		amap->anons[i] = NULL;
	return amap;
}

amap_t *amap_ref(amap_t *amap)
{
	if (amap != NULL)
		amap->refs++;
	return amap;
}

/* The anons must already have been put over the entry ranges. */
void amap_put(amap_t *amap)
{
	if (amap != NULL && --amap->refs == 0)
		vm_kfree(amap);
}

amap_t *amap_create(amap_t *amap, size_t *offset, size_t size)
{
	amap_t *n;

	if (amap != NULL && amap->refs == 1)
		return amap;

	n = amap_new(size);
	if (n == NULL)
		return NULL;
	if (amap != NULL) {
		/* The slots move over with their references. */
		for (size_t i = 0; i < size / SIZE_PAGE; i++)
			n->anons[i] = amap->anons[*offset / SIZE_PAGE + i];
		amap_put(amap);
	}
	*offset = 0;
	return n;
}

void amap_clear(amap_t *amap, size_t offset, size_t size)
{
	for (size_t i = 0; i < size / SIZE_PAGE; i++)
		amap->anons[offset / SIZE_PAGE + i] = NULL;
}

void amap_getanons(amap_t *amap, size_t offset, size_t size)
{
	if (amap == NULL)
		return;
	for (size_t i = 0; i < size / SIZE_PAGE; i++) {
		anon_t *a = amap->anons[offset / SIZE_PAGE + i];
		if (a != NULL)
			a->refs++;
	}
}

void amap_putanons(amap_t *amap, size_t offset, size_t size)
{
	if (amap == NULL)
		return;
	for (size_t i = 0; i < size / SIZE_PAGE; i++)
		anon_put(amap->anons[offset / SIZE_PAGE + i]);
}

/* Copies or clears a frame through the kernel scratch windows. */
static void amap_fill(page_t *dst, page_t *src)
{
	void *d = pmap_scratchMap(1, dst->addr);

	if (src == NULL)
		hal_memset(d, 0, SIZE_PAGE);
	else
		hal_memcpy(d, pmap_scratchMap(2, src->addr), SIZE_PAGE);
}

int amap_page(vm_map_t *map, amap_t *amap, vm_object_t *o, void *vaddr, size_t aoffs, u64 offs, vm_prot_t prot, page_t **page)
{
	anon_t *a = amap->anons[aoffs / SIZE_PAGE];
	page_t *p = NULL, *src;
	int err;

	if (a != NULL) {
		if (!(a->refs > 1 && (prot & PROT_WRITE))) {
			*page = a->page;
			return EOK;
		}
		src = a->page;
	}
	else {
		err = vm_objectPage(map, &amap, o, vaddr, offs, &p);
		if (err < 0)
			return err;
		if (p == NULL)
			return -ENOMEM;
		if (o != NULL && !(prot & PROT_WRITE)) {
			*page = p;
			return EOK;
		}
		src = (o != NULL) ? p : NULL;
	}

	if (src != NULL) {
		p = vm_pageAlloc(SIZE_PAGE, PAGE_OWNER_APP);
		if (p == NULL)
			return -ENOMEM;
	}
	amap_fill(p, src);

	if (a != NULL)
		a->refs--;
	amap->anons[aoffs / SIZE_PAGE] = anon_new(p);
	if (amap->anons[aoffs / SIZE_PAGE] == NULL) {
		vm_pageFree(p);
		return -ENOMEM;
	}
	*page = p;
	return EOK;
}

void _amap_init(vm_map_t *kmap, vm_object_t *kernel)
{
	amap_common.kmap = kmap;
	amap_common.kernel = kernel;
}
