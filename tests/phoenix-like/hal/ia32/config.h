/* hal_config: the ia32 frame classification table and the page-table scratch slot. */
#ifndef PHX_IA32_CONFIG_H
#define PHX_IA32_CONFIG_H

#include "hal/types.h"

typedef struct {
	addr_t start;
	u32 pageCount;
	u32 flags;
} hal_memEntry_t;

typedef struct {
	addr_t minAddr;
	addr_t maxAddr;
	void *heapStart;
	void *ptable;
	struct {
		u32 count;
		hal_memEntry_t entries[64];
	} memMap;
} hal_config_t;

extern hal_config_t hal_config;

void _hal_memMapAdd(addr_t start, u32 pages, u32 flags);

#endif
