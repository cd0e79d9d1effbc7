/* Memory objects and their page caches (§2.4, §3.9). The file server the real kernel asks
 * over messages is played by a small table of files whose pages are filled with a pattern. */
#include "vm/vm.h"
#include "include/errno.h"
#include "lib/lib.h"

/* First words of every fetched page: magic, port, id, offset. */
#define OBJECT_MAGIC 0x21584850u /* "PHX!" */

static struct {
	rbtree_t tree;
	vm_object_t *kernel;
	vm_map_t *kmap;
	lock_t lock;
} object_common;

static const struct {
	u32 port;
	u32 id;
	size_t size;
} object_files[] = {
	{ 2, 200, 0x4800 },  /* /sbin/srvd */
	{ 2, 300, 0x3000 },  /* /bin/psh */
	{ 2, 400, 0x2000 },  /* /lib/libphoenix.so */
};

static int object_cmp(rbnode_t *n1, rbnode_t *n2)
{
	vm_object_t *o1 = lib_treeof(vm_object_t, linkage, n1), *o2 = lib_treeof(vm_object_t, linkage, n2);

	if (o1->oid.id != o2->oid.id)
		return o1->oid.id > o2->oid.id ? 1 : -1;
	if (o1->oid.port != o2->oid.port)
		return o1->oid.port > o2->oid.port ? 1 : -1;
	return 0;
}

static size_t object_pages(vm_object_t *o)
{
	return (o->size + SIZE_PAGE - 1) / SIZE_PAGE;
}

static int proc_size(oid_t oid, size_t *size)
{
	for (unsigned int i = 0; i < sizeof(object_files) / sizeof(object_files[0]); i++) {
		if (object_files[i].port == oid.port && object_files[i].id == oid.id) {
			*size = object_files[i].size;
			return EOK;
		}
	}
	return -EINVAL;
}

static page_t *object_fetch(oid_t oid, u64 offs)
{
	page_t *p = vm_pageAlloc(SIZE_PAGE, PAGE_OWNER_APP);
	u32 *w;

	if (p == NULL)
		return NULL;
	w = pmap_scratchMap(1, p->addr);
	hal_memset(w, 0, SIZE_PAGE);
	w[0] = OBJECT_MAGIC;
	w[1] = oid.port;
	w[2] = (u32)oid.id;
	w[3] = (u32)offs;
	return p;
}

int vm_objectGet(vm_object_t **o, oid_t oid)
{
	vm_object_t probe, *n;
	rbnode_t *node;
	size_t size;
	int err;

	probe.oid = oid;
	node = lib_rbFind(&object_common.tree, &probe.linkage);
	if (node == NULL) {
		err = proc_size(oid, &size);
		if (err < 0)
			return err;
		size_t npages = (size + SIZE_PAGE - 1) / SIZE_PAGE;
		n = vm_kmalloc(sizeof(vm_object_t) + npages * sizeof(page_t *));
		if (n == NULL)
			return -ENOMEM;
		n->oid = oid;
		n->size = size;
		n->refs = 0;
		for (size_t i = 0; i < npages; i++)
			n->pages[i] = NULL;
		lib_rbInsert(&object_common.tree, &n->linkage);
		node = &n->linkage;
	}
	*o = lib_treeof(vm_object_t, linkage, node);
	(*o)->refs++;
	return EOK;
}

vm_object_t *vm_objectRef(vm_object_t *o)
{
	if (o != NULL && o != VM_OBJ_PHYSMEM)
		o->refs++;
	return o;
}

static int object_isContiguous(vm_object_t *o)
{
	return o->oid.port == (u32)-1 && o->oid.id == (id_t)-1;
}

int vm_objectPut(vm_object_t *o)
{
	if (o == NULL || o == VM_OBJ_PHYSMEM)
		return EOK;
	if (--o->refs > 0 || o == object_common.kernel)
		return EOK;

	if (object_isContiguous(o)) {
		vm_pageFree(o->pages[0]);
	}
	else {
		lib_rbRemove(&object_common.tree, &o->linkage);
		for (size_t i = 0; i < object_pages(o); i++)
			vm_pageFree(o->pages[i]);
	}
	vm_kfree(o);
	return EOK;
}

vm_object_t *vm_objectContiguous(size_t size)
{
	page_t *p = vm_pageAlloc(size, PAGE_OWNER_APP);
	vm_object_t *o;
	size_t n;

	if (p == NULL)
		return NULL;
	n = ((size_t)1 << p->idx) / SIZE_PAGE;
	o = vm_kmalloc(sizeof(vm_object_t) + n * sizeof(page_t *));
	if (o == NULL) {
		vm_pageFree(p);
		return NULL;
	}
	hal_memset(&o->linkage, 0, sizeof(o->linkage));
	o->oid.port = (u32)-1;
	o->oid.id = (id_t)-1;
	o->refs = 1;
	o->size = (size_t)1 << p->idx;
	for (size_t i = 0; i < n; i++) {
		o->pages[i] = p + i;
		hal_memset(pmap_scratchMap(1, p[i].addr), 0, SIZE_PAGE);
	}
	return o;
}

int vm_objectPage(vm_map_t *map, struct _amap_t **amap, vm_object_t *o, void *vaddr, u64 offs, page_t **page)
{
	(void)map;
	(void)amap;
	(void)vaddr;

	if (o == NULL) {
		*page = vm_pageAlloc(SIZE_PAGE, PAGE_OWNER_APP);
		return *page == NULL ? -ENOMEM : EOK;
	}
	if (o == VM_OBJ_PHYSMEM) {
		if (offs > (u64)(addr_t)-1)
			return -ERANGE;
		*page = page_get((addr_t)offs);
		return EOK;
	}
	if (offs >= o->size)
		return -EINVAL;
	if (o->pages[offs / SIZE_PAGE] == NULL) {
		o->pages[offs / SIZE_PAGE] = object_fetch(o->oid, offs & ~(u64)(SIZE_PAGE - 1));
		if (o->pages[offs / SIZE_PAGE] == NULL)
			return -ENOMEM;
	}
	*page = o->pages[offs / SIZE_PAGE];
	return EOK;
}

int _object_init(vm_map_t *kmap, vm_object_t *kernel)
{
	lib_printf("vm: Initializing memory objects\n");
	object_common.kmap = kmap;
	object_common.kernel = kernel;
	proc_lockInit(&object_common.lock, "object.common");
	lib_rbInit(&object_common.tree, object_cmp, NULL);

	kernel->oid.port = 0;
	kernel->oid.id = 0;
	kernel->size = 0;
	lib_rbInsert(&object_common.tree, &kernel->linkage);
	return EOK;
}
