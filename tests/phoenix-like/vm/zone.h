/* Fixed-size block zones (phoenix-vm.md §2.6, §3.11). */
#ifndef PHX_VM_ZONE_H
#define PHX_VM_ZONE_H

#include "vm/map.h"

typedef struct _vm_zone_t {
	struct _vm_zone_t *next;
	struct _vm_zone_t *prev;
	rbnode_t linkage;
	size_t blocksz;
	unsigned int blocks;
	unsigned int used;
	void *vaddr;
	void *first;
	page_t *pages;
} vm_zone_t;

int _vm_zoneCreate(vm_zone_t *zone, size_t blocksz, unsigned int blocks);

int _vm_zoneDestroy(vm_zone_t *zone);

void *_vm_zalloc(vm_zone_t *zone, addr_t *addr);

void _vm_zfree(vm_zone_t *zone, void *block);

void _zone_init(vm_map_t *kmap, struct _vm_object_t *kernel);

#endif
