/* meminfo_t: the userspace ABI psh `mem` reads (phoenix-vm.md §5.1). */
#ifndef PHX_SYSINFO_H
#define PHX_SYSINFO_H

#include "hal/types.h"

typedef struct _pageinfo_t {
	unsigned int count;
	addr_t addr;
	char marker;
} pageinfo_t;

typedef struct _entryinfo_t {
	void *vaddr;
	size_t size;
	size_t anonsz;
	u8 flags;
	u8 prot;
	u8 protOrig;
	unsigned long long offs;
	enum { OBJECT_ANONYMOUS, OBJECT_MEMORY, OBJECT_OID } object;
	oid_t oid;
} entryinfo_t;

typedef struct _mapinfo_t {
	int id;
	addr_t pstart;
	addr_t pend;
	addr_t vstart;
	addr_t vend;
	size_t alloc;
	size_t free;
	char name[16];
} mapinfo_t;

typedef struct _meminfo_t {
	struct {
		unsigned int alloc, free, boot, sz;
		int mapsz;
		pageinfo_t *map;
	} page;

	struct {
		unsigned int pid, total, free, sz;
		int mapsz, kmapsz;
		entryinfo_t *kmap, *map;
	} entry;

	struct {
		size_t total, free;
		int mapsz;
		mapinfo_t *map;
	} maps;
} meminfo_t;

#endif
