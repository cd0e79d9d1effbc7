/* Loader hand-over structures (phoenix-vm.md §2.10); all packed. */
#ifndef PHX_SYSPAGE_H
#define PHX_SYSPAGE_H

#include "hal/types.h"

enum { mAttrRead = 0x01, mAttrWrite = 0x02, mAttrExec = 0x04, mAttrShareable = 0x08,
	mAttrCacheable = 0x10, mAttrBufferable = 0x20 };

enum { hal_entryReserved = 0, hal_entryTemp, hal_entryAllocated, hal_entryInvalid };

typedef struct _mapent_t {
	struct _mapent_t *next, *prev;
	u32 type;
	addr_t start;
	addr_t end;
} __attribute__((packed)) mapent_t;

typedef struct _syspage_map_t {
	struct _syspage_map_t *next, *prev;
	mapent_t *entries;
	addr_t start;
	addr_t end;
	u32 attr;
	u8 id;
	char *name;
} __attribute__((packed)) syspage_map_t;

typedef struct _syspage_prog_t {
	struct _syspage_prog_t *next, *prev;
	addr_t start;
	addr_t end;
	char *argv;
	size_t imapSz;
	u8 *imaps;
	size_t dmapSz;
	u8 *dmaps;
} __attribute__((packed)) syspage_prog_t;

#include "arch/syspage.h"

typedef struct _syspage_t {
	hal_syspage_t hs;
	size_t size;
	addr_t pkernel;
	syspage_map_t *maps;
	syspage_prog_t *progs;
	unsigned int console;
} __attribute__((packed)) syspage_t;

#endif
