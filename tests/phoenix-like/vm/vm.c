/* Boot sequence of the VM (§1.2) and meminfo. */
#include "vm/vm.h"
#include "lib/lib.h"

extern char __bss_start[];

static struct {
	void *bss;
	void *top;
} vm;

void vm_meminfo(meminfo_t *info)
{
	vm_pageinfo(info);
	vm_mapinfo(info);
}

void _vm_init(vm_map_t *kmap, vm_object_t *kernel)
{
	_pmap_init(&kmap->pmap, &vm.bss, &vm.top);
	_page_init(&kmap->pmap, &vm.bss, &vm.top);
	_map_init(kmap, kernel, &vm.bss, &vm.top);
	_zone_init(kmap, kernel);
	LIB_ASSERT(_kmalloc_init() == 0, "kmalloc init failed");
	_object_init(kmap, kernel);
	_amap_init(kmap, kernel);
}
