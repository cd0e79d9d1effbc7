/* Memory objects (phoenix-vm.md §2.4, §3.9). */
#ifndef PHX_VM_OBJECT_H
#define PHX_VM_OBJECT_H

#include "vm/map.h"

#define VM_OBJ_PHYSMEM ((vm_object_t *)-1)

typedef struct _vm_object_t {
	rbnode_t linkage;
	oid_t oid;
	int refs;
	size_t size;
	page_t *pages[];
} vm_object_t;

int vm_objectGet(vm_object_t **o, oid_t oid);

vm_object_t *vm_objectRef(vm_object_t *o);

int vm_objectPut(vm_object_t *o);

vm_object_t *vm_objectContiguous(size_t size);

/* amap != NULL only matters for the lock dance of the real kernel; kept for the signature. */
int vm_objectPage(vm_map_t *map, struct _amap_t **amap, vm_object_t *o, void *vaddr, u64 offs, page_t **page);

int _object_init(vm_map_t *kmap, vm_object_t *kernel);

#endif
