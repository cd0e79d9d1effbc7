/* Zones: one buddy block mapped into the kernel map, cut into equal blocks (§3.11). */
#include "vm/vm.h"
#include "include/errno.h"
#include "lib/lib.h"

static struct {
	vm_map_t *kmap;
	vm_object_t *kernel;
} zone_common;

int _vm_zoneCreate(vm_zone_t *zone, size_t blocksz, unsigned int blocks)
{
	size_t size;

	if (blocks == 0 || (blocksz & (blocksz - 1)) != 0)
		return -EINVAL;

	zone->pages = vm_pageAlloc(blocks * blocksz, PAGE_OWNER_KERNEL | PAGE_KERNEL_HEAP);
	if (zone->pages == NULL)
		return -ENOMEM;
	size = (size_t)1 << zone->pages->idx;
	zone->vaddr = vm_mmap(zone_common.kmap, zone_common.kmap->start, zone->pages, size,
		PROT_READ | PROT_WRITE, zone_common.kernel, -1, MAP_NONE);
	if (zone->vaddr == NULL) {
		vm_pageFree(zone->pages);
		return -ENOMEM;
	}

	/* The free list runs through the first word of each free block. */
	for (unsigned int i = 0; i < blocks; i++) {
		void **b = (void **)((char *)zone->vaddr + i * blocksz);
		*b = (i + 1 < blocks) ? (char *)zone->vaddr + (i + 1) * blocksz : NULL;
	}
	zone->blocksz = blocksz;
	zone->blocks = blocks;
	zone->used = 0;
	zone->first = zone->vaddr;
	return EOK;
}

int _vm_zoneDestroy(vm_zone_t *zone)
{
	if (zone->used != 0)
		return -EBUSY;
	vm_munmap(zone_common.kmap, zone->vaddr, (size_t)1 << zone->pages->idx);
	vm_pageFree(zone->pages);
	zone->vaddr = NULL;
	zone->first = NULL;
	zone->pages = NULL;
	return EOK;
}

void *_vm_zalloc(vm_zone_t *zone, addr_t *addr)
{
	void *b = zone->first;

	if (b == NULL)
		return NULL;
	zone->first = *(void **)b;
	zone->used++;
	if (addr != NULL)
		*addr = zone->pages->addr + (addr_t)((char *)b - (char *)zone->vaddr);
	return b;
}

void _vm_zfree(vm_zone_t *zone, void *block)
{
	if ((char *)block < (char *)zone->vaddr || (char *)block >= (char *)zone->vaddr + zone->blocks * zone->blocksz)
		return;
	*(void **)block = zone->first;
	zone->first = block;
	zone->used--;
}

void _zone_init(vm_map_t *kmap, vm_object_t *kernel)
{
	zone_common.kmap = kmap;
	zone_common.kernel = kernel;
}
