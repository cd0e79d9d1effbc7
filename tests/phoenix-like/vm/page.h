#ifndef PHX_VM_PAGE_H
#define PHX_VM_PAGE_H

#include "hal/pmap.h"
#include "include/sysinfo.h"

page_t *vm_pageAlloc(size_t size, u8 flags);

void vm_pageFree(page_t *p);

/* Binary search of the page array; NULL outside described RAM. */
page_t *page_get(addr_t addr);

/* Maps one frame, allocating page-table pages on demand. */
int page_map(pmap_t *pmap, void *vaddr, addr_t pa, int attr);

int _page_sbrk(pmap_t *pmap, void **start, void **end);

void vm_pageGetStats(size_t *freesz);

void vm_pageinfo(meminfo_t *info);

void _page_init(pmap_t *pmap, void **bss, void **top);

#endif
