#ifndef PHX_VM_VM_H
#define PHX_VM_VM_H

#include "vm/page.h"
#include "vm/map.h"
#include "vm/object.h"
#include "vm/amap.h"
#include "vm/zone.h"
#include "vm/kmalloc.h"

void vm_meminfo(meminfo_t *info);

void _vm_init(vm_map_t *kmap, vm_object_t *kernel);

#endif
