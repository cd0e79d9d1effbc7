/* Kernel heap: power-of-two classes 2^4..2^23, each a list of zones (§2.7, §3.12). */
#include "vm/vm.h"
#include "include/errno.h"
#include "lib/lib.h"

#define KMALLOC_CLASSES 24
#define KMALLOC_MIN_IDX 4

static struct {
	vm_zone_t *sizes[KMALLOC_CLASSES];
	vm_zone_t *used;
	vm_zone_t firstzone;
	rbtree_t tree;
	unsigned int hdrblocks;
	size_t allocsz;
	unsigned int zonehdrs;
	lock_t lock;
} kmalloc_common;

static unsigned int kmalloc_log2up(size_t v)
{
	unsigned int b = 0;

	while (((size_t)1 << b) < v)
		b++;
	return b;
}

/* Zone header blocks are of this class: ceil(log2(sizeof(vm_zone_t))). */
static unsigned int kmalloc_hdridx(void)
{
	return kmalloc_log2up(sizeof(vm_zone_t));
}

static void zone_listAdd(vm_zone_t **list, vm_zone_t *z)
{
	if (*list == NULL) {
		z->next = z;
		z->prev = z;
		*list = z;
		return;
	}
	z->prev = (*list)->prev;
	z->next = *list;
	(*list)->prev->next = z;
	(*list)->prev = z;
}

static void zone_listRemove(vm_zone_t **list, vm_zone_t *z)
{
	if (z->next == z) {
		*list = NULL;
	}
	else {
		z->prev->next = z->next;
		z->next->prev = z->prev;
		if (*list == z)
			*list = z->next;
	}
	z->next = NULL;
	z->prev = NULL;
}

/* Containment compares equal, so a one-block probe finds the zone owning a pointer. */
static int kmalloc_zoneCmp(rbnode_t *n1, rbnode_t *n2)
{
	vm_zone_t *z1 = lib_treeof(vm_zone_t, linkage, n1), *z2 = lib_treeof(vm_zone_t, linkage, n2);
	char *s1 = z1->vaddr, *e1 = s1 + z1->blocks * z1->blocksz;
	char *s2 = z2->vaddr, *e2 = s2 + z2->blocks * z2->blocksz;

	if (e1 <= s2)
		return -1;
	if (e2 <= s1)
		return 1;
	return 0;
}

static void *_kmalloc_alloc(unsigned int idx)
{
	vm_zone_t *z = kmalloc_common.sizes[idx];
	void *b = _vm_zalloc(z, NULL);

	kmalloc_common.allocsz += (size_t)1 << idx;
	if (idx == kmalloc_hdridx())
		kmalloc_common.hdrblocks--;
	if (z->used == z->blocks) {
		zone_listRemove(&kmalloc_common.sizes[idx], z);
		zone_listAdd(&kmalloc_common.used, z);
	}
	return b;
}

static int _kmalloc_addZone(unsigned int idx)
{
	unsigned int hdridx = kmalloc_hdridx();
	unsigned int blocks = (idx == hdridx) ? kmalloc_common.zonehdrs : 1;
	vm_zone_t *z;

	if ((SIZE_PAGE >> idx) > blocks)
		blocks = (unsigned int)(SIZE_PAGE >> idx);

	z = _kmalloc_alloc(hdridx);
	if (_vm_zoneCreate(z, (size_t)1 << idx, blocks) < 0) {
		vm_kfree(z);
		return -ENOMEM;
	}
	zone_listAdd(&kmalloc_common.sizes[idx], z);
	lib_rbInsert(&kmalloc_common.tree, &z->linkage);
	if (idx == hdridx)
		kmalloc_common.hdrblocks += z->blocks;
	return EOK;
}

void *vm_kmalloc(size_t size)
{
	unsigned int idx;

	if (size < ((size_t)1 << KMALLOC_MIN_IDX))
		size = (size_t)1 << KMALLOC_MIN_IDX;
	idx = kmalloc_log2up(size);
	if (idx >= KMALLOC_CLASSES)
		return NULL;

	/* The last header block stays in reserve to describe the next header zone. */
	if (kmalloc_common.hdrblocks == 1 && _kmalloc_addZone(kmalloc_hdridx()) < 0)
		return NULL;
	if (kmalloc_common.sizes[idx] == NULL && _kmalloc_addZone(idx) < 0)
		return NULL;
	return _kmalloc_alloc(idx);
}

void vm_kfree(void *p)
{
	unsigned int hdridx = kmalloc_hdridx();

	while (p != NULL) {
		vm_zone_t probe, *z;
		rbnode_t *n;
		unsigned int idx;
		int wasFull;

		probe.vaddr = p;
		probe.blocks = 1;
		probe.blocksz = 16;
		n = lib_rbFind(&kmalloc_common.tree, &probe.linkage);
		if (n == NULL)
			return;
		z = lib_treeof(vm_zone_t, linkage, n);
		idx = kmalloc_log2up(z->blocksz);
		wasFull = (z->used == z->blocks);

		_vm_zfree(z, p);
		kmalloc_common.allocsz -= z->blocksz;
		if (idx == hdridx)
			kmalloc_common.hdrblocks++;
		if (wasFull) {
			zone_listRemove(&kmalloc_common.used, z);
			zone_listAdd(&kmalloc_common.sizes[idx], z);
		}

		p = NULL;
		if (z->used == 0 && z != &kmalloc_common.firstzone) {
			/* Empty zones are not cached: unmap, free, then free the header too. */
			zone_listRemove(&kmalloc_common.sizes[idx], z);
			lib_rbRemove(&kmalloc_common.tree, &z->linkage);
			if (idx == hdridx)
				kmalloc_common.hdrblocks -= z->blocks;
			_vm_zoneDestroy(z);
			p = z;
		}
	}
}

void vm_kmallocGetStats(size_t *allocsz)
{
	*allocsz = kmalloc_common.allocsz;
}

int _kmalloc_init(void)
{
	unsigned int hdridx = kmalloc_hdridx();
	unsigned int blocks;

	proc_lockInit(&kmalloc_common.lock, "kmalloc.common");
	lib_rbInit(&kmalloc_common.tree, kmalloc_zoneCmp, NULL);
	kmalloc_common.used = NULL;
	kmalloc_common.allocsz = 0;
	kmalloc_common.zonehdrs = 16;
	for (unsigned int i = 0; i < KMALLOC_CLASSES; i++)
		kmalloc_common.sizes[i] = NULL;

	blocks = kmalloc_common.zonehdrs;
	if ((SIZE_PAGE >> hdridx) > blocks)
		blocks = (unsigned int)(SIZE_PAGE >> hdridx);
	lib_printf("vm: Initializing kernel memory allocator: (%u*%u) %u\n", blocks, (unsigned int)sizeof(vm_zone_t),
		blocks * (unsigned int)sizeof(vm_zone_t));
	if (_vm_zoneCreate(&kmalloc_common.firstzone, (size_t)1 << hdridx, blocks) < 0)
		return -ENOMEM;
	zone_listAdd(&kmalloc_common.sizes[hdridx], &kmalloc_common.firstzone);
	lib_rbInsert(&kmalloc_common.tree, &kmalloc_common.firstzone.linkage);
	kmalloc_common.hdrblocks = kmalloc_common.firstzone.blocks;
	return EOK;
}
