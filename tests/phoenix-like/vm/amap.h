/* Anonymous memory (phoenix-vm.md §2.5, §3.8). */
#ifndef PHX_VM_AMAP_H
#define PHX_VM_AMAP_H

#include "vm/object.h"

typedef struct _anon_t {
	lock_t lock;
	int refs;
	page_t *page;
} anon_t;

typedef struct _amap_t {
	lock_t lock;
	size_t size;
	int refs;
	anon_t *anons[];
} amap_t;

amap_t *amap_create(amap_t *amap, size_t *offset, size_t size);

amap_t *amap_ref(amap_t *amap);

void amap_put(amap_t *amap);

void amap_clear(amap_t *amap, size_t offset, size_t size);

void amap_getanons(amap_t *amap, size_t offset, size_t size);

void amap_putanons(amap_t *amap, size_t offset, size_t size);

int amap_page(vm_map_t *map, amap_t *amap, vm_object_t *o, void *vaddr, size_t aoffs, u64 offs, vm_prot_t prot, page_t **page);

void _amap_init(vm_map_t *kmap, vm_object_t *kernel);

#endif
