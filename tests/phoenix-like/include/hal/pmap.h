/* The machine-dependent interface vm/ uses (phoenix-vm.md §4.1), implemented in hal/<arch>/pmap.c. */
#ifndef PHX_HAL_PMAP_H
#define PHX_HAL_PMAP_H

#include "arch/pmap.h"
#include "vm/types.h"

#define SIZE_VM_SIZES (sizeof(void *) * 8)

/* Kernel pmap; returns the first heap byte and the end of the mapped heap. */
void _pmap_init(pmap_t *pmap, void **vstart, void **vend);

/* Next frame at or after *addr: EOK (consumed), -EINVAL (hole), -ENOMEM (end of RAM). */
int pmap_getPage(page_t *page, addr_t *addr);

int pmap_enter(pmap_t *pmap, addr_t pa, void *va, vm_attr_t attr, page_t *alloc);

int pmap_remove(pmap_t *pmap, void *vstart, void *vend);

addr_t pmap_resolve(pmap_t *pmap, void *va);

int pmap_create(pmap_t *pmap, pmap_t *kpmap, page_t *p, void *vaddr);

void pmap_switch(pmap_t *pmap);

char pmap_marker(page_t *p);

int pmap_segment(unsigned int i, void **vaddr, size_t *size, vm_prot_t *prot, void **top);

int _pmap_kernelSpaceExpand(pmap_t *pmap, void **start, void *end, page_t *dp);

/* Maps physical frame pa at a fixed kernel scratch slot (1 or 2) and returns its VA. */
void *pmap_scratchMap(unsigned int slot, addr_t pa);

/* Points the scratch slots back at their own frames. */
void pmap_scratchReset(void);

static inline int pmap_belongs(pmap_t *pmap, void *addr)
{
	return addr >= pmap->start && addr < pmap->end;
}

#endif
