/* vm_map_t and map_entry_t (phoenix-vm.md §2.3). */
#ifndef PHX_VM_MAP_H
#define PHX_VM_MAP_H

#include "hal/pmap.h"
#include "include/mman.h"
#include "include/sysinfo.h"
#include "lib/rb.h"
#include "proc/lock.h"
#include "vm/types.h"

#define VM_OFFS_MAX ((u64)-1)

struct _amap_t;
struct _vm_object_t;
struct _process_t;

typedef struct _vm_map_t {
	pmap_t pmap;
	void *start;
	void *stop;
	rbtree_t tree;
	lock_t lock;
} vm_map_t;

typedef struct _map_entry_t map_entry_t;

struct _map_entry_t {
#ifndef NOMMU
	/* A free entry is chained through the word that holds linkage.parent. */
	union {
		rbnode_t linkage;
		map_entry_t *next;
	};
#else
	rbnode_t linkage;
	map_entry_t *next;
	map_entry_t *prev;
	struct _process_t *process;
#endif
	vm_map_t *map;
	size_t aoffs;
	struct _amap_t *amap;
	void *vaddr;
	size_t size;
	size_t lmaxgap;
	size_t rmaxgap;
	vm_flags_t flags;
	vm_prot_t prot;
	vm_prot_t protOrig;
	struct _vm_object_t *object;
	u64 offs;
};

void *vm_mmap(vm_map_t *map, void *vaddr, page_t *p, size_t size, vm_prot_t prot, struct _vm_object_t *o, off_t offs, vm_flags_t flags);

void *vm_mapFind(vm_map_t *map, void *vaddr, size_t size, vm_flags_t flags, vm_prot_t prot);

int vm_munmap(vm_map_t *map, void *vaddr, size_t size);

int vm_mprotect(vm_map_t *map, void *vaddr, size_t len, vm_prot_t prot);

int vm_mapCreate(vm_map_t *map, void *start, void *stop);

int vm_mapCopy(struct _process_t *proc, vm_map_t *dst, vm_map_t *src);

void vm_mapinfo(meminfo_t *info);

void vm_mapGetStats(size_t *allocsz);

vm_attr_t vm_protToAttr(vm_prot_t prot);

vm_attr_t vm_flagsToAttr(vm_flags_t flags);

int _map_init(vm_map_t *kmap, struct _vm_object_t *kernel, void **bss, void **top);

#endif
