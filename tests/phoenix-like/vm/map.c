/* The memory mapper: entry pool, augmented entry trees, mmap/munmap/mprotect, eager
 * population and fork copying (phoenix-vm.md §2.3, §3.2-§3.7, §3.10). */
#include "vm/vm.h"
#include "include/errno.h"
#include "lib/lib.h"
#include "proc/process.h"

static struct {
	vm_map_t *kmap;
	vm_object_t *kernel;
	lock_t lock;
	size_t ntotal;
	size_t nfree;
	map_entry_t *free;
	map_entry_t *entries;
	vm_map_t **maps;
	size_t mapssz;
} map_common;

static map_entry_t *map_entryOf(rbnode_t *n)
{
	return lib_treeof(map_entry_t, linkage, n);
}

static size_t map_max(size_t a, size_t b)
{
	return a > b ? a : b;
}

/* Overlapping ranges compare equal: a probe finds any entry it overlaps. */
static int map_cmp(rbnode_t *n1, rbnode_t *n2)
{
	map_entry_t *e1 = map_entryOf(n1), *e2 = map_entryOf(n2);

	if ((char *)e1->vaddr + e1->size <= (char *)e2->vaddr)
		return -1;
	if ((char *)e2->vaddr + e2->size <= (char *)e1->vaddr)
		return 1;
	return 0;
}

static void map_augment(rbnode_t *node)
{
	map_entry_t *e = map_entryOf(node), *c;
	rbnode_t *it;

	if (node->left == NULL) {
		it = lib_rbPrev(node);
		if (it == NULL) {
			e->lmaxgap = (size_t)((char *)e->vaddr - (char *)e->map->start);
		}
		else {
			c = map_entryOf(it);
			e->lmaxgap = (size_t)((char *)e->vaddr - ((char *)c->vaddr + c->size));
		}
	}
	else {
		c = map_entryOf(node->left);
		e->lmaxgap = map_max(c->lmaxgap, c->rmaxgap);
	}

	if (node->right == NULL) {
		it = lib_rbNext(node);
		if (it == NULL) {
			e->rmaxgap = (size_t)((char *)e->map->stop - ((char *)e->vaddr + e->size));
		}
		else {
			c = map_entryOf(it);
			e->rmaxgap = (size_t)((char *)c->vaddr - ((char *)e->vaddr + e->size));
		}
	}
	else {
		c = map_entryOf(node->right);
		e->rmaxgap = map_max(c->lmaxgap, c->rmaxgap);
	}

	for (it = node; it->parent != NULL; it = it->parent) {
		map_entry_t *p = map_entryOf(it->parent);
		c = map_entryOf(it);
		if (it == it->parent->left)
			p->lmaxgap = map_max(c->lmaxgap, c->rmaxgap);
		else
			p->rmaxgap = map_max(c->lmaxgap, c->rmaxgap);
	}
}

static map_entry_t *map_alloc(void)
{
	map_entry_t *e = map_common.free;

	if (e == NULL) {
		lib_printf("vm: Entry pool exhausted!\n");
		return NULL;
	}
	map_common.free = e->next;
	map_common.nfree--;
	hal_memset(e, 0, sizeof(*e));
	return e;
}

static void map_free(map_entry_t *e)
{
	hal_memset(e, 0, sizeof(*e));
	e->next = map_common.free;
	map_common.free = e;
	map_common.nfree++;
}

static void _map_add(vm_map_t *map, map_entry_t *e)
{
	e->map = map;
	LIB_ASSERT(lib_rbInsert(&map->tree, &e->linkage) == EOK, "map: overlapping entry");
}

static void _entry_put(vm_map_t *map, map_entry_t *e)
{
	amap_put(e->amap);
	vm_objectPut(e->object);
	lib_rbRemove(&map->tree, &e->linkage);
	map_free(e);
}

/* Sizes or addresses changed in place: recompute every node's gaps. */
static void map_reaugment(vm_map_t *map, map_entry_t *e)
{
	(void)e;
	lib_rbAugmentAll(&map->tree);
}

vm_attr_t vm_protToAttr(vm_prot_t prot)
{
	vm_attr_t attr = 0;

	if (prot & PROT_READ)
		attr |= PGHD_READ | PGHD_PRESENT;
	if (prot & PROT_WRITE)
		attr |= PGHD_WRITE | PGHD_PRESENT;
	if (prot & PROT_EXEC)
		attr |= PGHD_EXEC;
	if (prot & PROT_USER)
		attr |= PGHD_USER;
	return attr;
}

vm_attr_t vm_flagsToAttr(vm_flags_t flags)
{
	vm_attr_t attr = 0;

	if (flags & MAP_UNCACHED)
		attr |= PGHD_NOT_CACHED;
	if (flags & MAP_DEVICE)
		attr |= PGHD_DEV;
	return attr;
}

/* Lowest-fit gap search driven by the augmented gaps (§3.2). */
static void *_map_find(vm_map_t *map, void *vaddr, size_t size, map_entry_t **prev, map_entry_t **next)
{
	rbnode_t *n = map->tree.root, *it;
	map_entry_t *e;
	char *hint = (char *)vaddr;

	*prev = NULL;
	*next = NULL;
	if (hint < (char *)map->start)
		hint = (char *)map->start;
	if (size > (size_t)(ptr_t)map->stop || (char *)map->stop - size < hint)
		return NULL;
	if (n == NULL)
		return hint;

	for (;;) {
		e = map_entryOf(n);
		if (size <= e->lmaxgap && hint + size <= (char *)e->vaddr) {
			*next = e;
			if (n->left == NULL) {
				char *gap = (char *)e->vaddr - e->lmaxgap;
				return hint > gap ? hint : gap;
			}
			n = n->left;
			continue;
		}
		if (size <= e->rmaxgap) {
			*prev = e;
			if (n->right == NULL) {
				char *gap = (char *)e->vaddr + e->size;
				return hint > gap ? hint : gap;
			}
			n = n->right;
			continue;
		}

		/* Climb to an ancestor entered from its left child with room on its right. */
		for (;;) {
			it = n->parent;
			if (it == NULL)
				return NULL;
			if (n == it->left && map_entryOf(it)->rmaxgap >= size)
				break;
			n = it;
		}
		n = it;
		e = map_entryOf(n);
		for (it = n; it->parent != NULL && it == it->parent->right; it = it->parent)
			;
		*next = (it->parent != NULL) ? map_entryOf(it->parent) : NULL;
		*prev = e;
		if (n->right == NULL) {
			char *gap = (char *)e->vaddr + e->size;
			return hint > gap ? hint : gap;
		}
		n = n->right;
	}
}

static int map_sameKind(map_entry_t *e, vm_object_t *o, vm_flags_t flags, vm_prot_t prot)
{
	return e->object == o && e->flags == flags && e->prot == prot && e->protOrig == prot;
}

static void *_map_map(vm_map_t *map, void *vaddr, size_t size, vm_prot_t prot, vm_object_t *o, u64 offs, vm_flags_t flags, map_entry_t **entry)
{
	map_entry_t *prev, *next, *e;
	char *v = _map_find(map, vaddr, size, &prev, &next);
	int lmerge, rmerge;

	if (v == NULL)
		return NULL;

	rmerge = next != NULL && v + size == (char *)next->vaddr && map_sameKind(next, o, flags, prot);
	lmerge = prev != NULL && v == (char *)prev->vaddr + prev->size && map_sameKind(prev, o, flags, prot);

	if (offs != VM_OFFS_MAX) {
		if (offs & (SIZE_PAGE - 1))
			return NULL;
		if (rmerge)
			rmerge = next->offs == offs + size;
		if (lmerge)
			lmerge = offs == prev->offs + prev->size;
	}

	if (o == NULL && !(lmerge && rmerge && prev->amap == next->amap)) {
		if (lmerge && prev->amap != NULL && prev->amap->size * SIZE_PAGE < prev->aoffs + prev->size + size)
			lmerge = 0;
		if (rmerge && next->aoffs < size)
			rmerge = 0;
		if (lmerge && rmerge)
			rmerge = 0;
	}

	if (lmerge && rmerge) {
		prev->size += size + next->size;
		e = prev;
		_entry_put(map, next);
		map_reaugment(map, e);
	}
	else if (rmerge) {
		e = next;
		e->vaddr = v;
		e->offs = offs;
		e->size += size;
		if (e->aoffs != 0)
			e->aoffs -= size;
		map_reaugment(map, e);
	}
	else if (lmerge) {
		e = prev;
		e->size += size;
		map_reaugment(map, e);
	}
	else {
		e = map_alloc();
		if (e == NULL)
			return NULL;
		e->vaddr = v;
		e->size = size;
		e->object = vm_objectRef(o);
		e->offs = offs;
		e->flags = flags;
		e->prot = prot;
		e->protOrig = prot;
		e->amap = NULL;
		e->aoffs = 0;

		/* Anonymous memory may continue in a neighbour's spare amap slots. */
		if (o == NULL) {
			if (next != NULL && next->amap != NULL && v >= (char *)next->vaddr - next->aoffs) {
				e->amap = amap_ref(next->amap);
				e->aoffs = next->aoffs - (size_t)((char *)next->vaddr - v);
			}
			else if (prev != NULL && prev->amap != NULL &&
					prev->aoffs + (size_t)(v - (char *)prev->vaddr) + size <= prev->amap->size * SIZE_PAGE) {
				e->amap = amap_ref(prev->amap);
				e->aoffs = prev->aoffs + (size_t)(v - (char *)prev->vaddr);
			}
		}
		_map_add(map, e);
	}

	if (e->amap != NULL)
		amap_clear(e->amap, e->aoffs + (size_t)(v - (char *)e->vaddr), size);

	*entry = e;
	return v;
}

/* Populates one page of e (§3.7); prot is the access being resolved. */
static int _map_force(vm_map_t *map, map_entry_t *e, void *vaddr, vm_prot_t prot)
{
	page_t *p = NULL;
	size_t offs;
	u64 eoffs;
	vm_attr_t attr;
	int err;

	if ((prot | e->prot) ^ e->prot)
		return -EINVAL;

	if (((prot & PROT_WRITE) && (e->flags & MAP_NEEDSCOPY)) || (e->object == NULL && e->amap == NULL)) {
		e->amap = amap_create(e->amap, &e->aoffs, e->size);
		if (e->amap == NULL)
			return -ENOMEM;
		e->flags &= ~MAP_NEEDSCOPY;
	}

	offs = (size_t)((char *)vaddr - (char *)e->vaddr);
	eoffs = (e->offs == VM_OFFS_MAX) ? VM_OFFS_MAX : e->offs + offs;

	if (e->amap == NULL)
		err = vm_objectPage(map, NULL, e->object, vaddr, eoffs, &p);
	else
		err = amap_page(map, e->amap, e->object, vaddr, e->aoffs + offs, eoffs, prot, &p);
	if (err < 0)
		return err;

	attr = vm_protToAttr(prot) | vm_flagsToAttr(e->flags);
	if (p == NULL && e->object == VM_OBJ_PHYSMEM)
		return page_map(&map->pmap, vaddr, (addr_t)eoffs, (int)attr);
	if (p == NULL)
		return -ENOMEM;
	return page_map(&map->pmap, vaddr, p->addr, (int)attr);
}

static void _vm_mapEntrySplit(vm_map_t *map, map_entry_t *e, map_entry_t *n, size_t len)
{
	*n = *e;
	n->amap = amap_ref(e->amap);
	n->object = vm_objectRef(e->object);
	n->vaddr = (char *)n->vaddr + len;
	n->size -= len;
	n->aoffs += len;
	if (n->offs != VM_OFFS_MAX)
		n->offs += len;

	e->size = len;
	_map_add(map, n);
}

static int _vm_munmap(vm_map_t *map, void *vaddr, size_t size)
{
	map_entry_t probe, *e, *n;
	rbnode_t *node;
	char *start = vaddr, *end = (char *)vaddr + size;

	if (((ptr_t)vaddr & (SIZE_PAGE - 1)) || (size & (SIZE_PAGE - 1)))
		return -EINVAL;

	for (;;) {
		probe.vaddr = start;
		probe.size = size;
		node = lib_rbFind(&map->tree, &probe.linkage);
		if (node == NULL)
			break;
		e = map_entryOf(node);

		char *estart = e->vaddr, *eend = (char *)e->vaddr + e->size;
		char *ovs = estart > start ? estart : start;
		char *ove = eend < end ? eend : end;
		size_t ovsz = (size_t)(ove - ovs);
		size_t oldAoffs = e->aoffs;
		int whole = 0;

		if (ovs == estart && ove == eend) {
			whole = 1;
		}
		else if (ovs == estart) {
			e->aoffs += ovsz;
			if (e->offs != VM_OFFS_MAX)
				e->offs += ovsz;
			e->vaddr = ove;
			e->size -= ovsz;
			map_reaugment(map, e);
		}
		else if (ove == eend) {
			e->size -= ovsz;
			map_reaugment(map, e);
		}
		else {
			/* Hole in the middle: split, the next round trims the upper part's front. */
			n = map_alloc();
			if (n == NULL)
				return -ENOMEM;
			_vm_mapEntrySplit(map, e, n, (size_t)(ovs - estart));
			continue;
		}

		amap_putanons(e->amap, oldAoffs + (size_t)(ovs - estart), ovsz);
		pmap_remove(&map->pmap, ovs, ove);
		if (whole)
			_entry_put(map, e);
	}
	return EOK;
}

int vm_munmap(vm_map_t *map, void *vaddr, size_t size)
{
	if (map == NULL)
		map = map_common.kmap;
	return _vm_munmap(map, vaddr, size);
}

static void *_vm_mmap(vm_map_t *map, void *vaddr, page_t *p, size_t size, vm_prot_t prot, vm_object_t *o, u64 offs, vm_flags_t flags)
{
	map_entry_t *e;
	char *v;

	if (size == 0 || (size & (SIZE_PAGE - 1)))
		return NULL;
	if (flags & MAP_FIXED)
		_vm_munmap(map, vaddr, size);
	if (p != NULL && p->idx != 0)
		size = (size_t)1 << p->idx;

	v = _map_map(map, vaddr, size, prot, o, offs, flags, &e);
	if (v == NULL)
		return NULL;

	if (p != NULL) {
		vm_attr_t attr = vm_protToAttr(prot) | vm_flagsToAttr(flags);
		for (size_t w = 0; w < size; w += SIZE_PAGE, p++)
			LIB_ASSERT(page_map(&map->pmap, v + w, p->addr, (int)attr) == EOK, "mmap: page_map failed");
		return v;
	}

	/* MMU processes are never lazy: populate every page now. */
	for (size_t w = 0; w < size; w += SIZE_PAGE) {
		if (_map_force(map, e, v + w, prot) != EOK) {
			_vm_munmap(map, v, size);
			return NULL;
		}
	}
	return v;
}

void *vm_mmap(vm_map_t *map, void *vaddr, page_t *p, size_t size, vm_prot_t prot, vm_object_t *o, off_t offs, vm_flags_t flags)
{
	if (map == NULL)
		map = map_common.kmap;
	return _vm_mmap(map, vaddr, p, size, prot, o, offs < 0 ? VM_OFFS_MAX : (u64)offs, flags);
}

void *vm_mapFind(vm_map_t *map, void *vaddr, size_t size, vm_flags_t flags, vm_prot_t prot)
{
	map_entry_t *e;

	if (map == NULL)
		map = map_common.kmap;
	return _map_map(map, vaddr, size, prot, map_common.kernel, VM_OFFS_MAX, flags, &e);
}

/* Only whole single entries are supported here; the real kernel also splits and merges. */
int vm_mprotect(vm_map_t *map, void *vaddr, size_t len, vm_prot_t prot)
{
	map_entry_t probe, *e;
	rbnode_t *node;

	probe.vaddr = vaddr;
	probe.size = SIZE_PAGE;
	node = lib_rbFind(&map->tree, &probe.linkage);
	if (node == NULL)
		return -ENOMEM;
	e = map_entryOf(node);
	if (e->vaddr != vaddr || e->size != len)
		return -EINVAL;
	if ((e->protOrig | prot) ^ e->protOrig)
		return -EACCES;

	e->prot = prot;
	vm_attr_t attr = vm_protToAttr(prot) | vm_flagsToAttr(e->flags);
	for (size_t w = 0; w < len; w += SIZE_PAGE) {
		char *va = (char *)vaddr + w;
		if (e->flags & MAP_NEEDSCOPY) {
			_map_force(map, e, va, prot);
			continue;
		}
		addr_t pa = pmap_resolve(&map->pmap, va);
		if (pa != 0)
			pmap_enter(&map->pmap, pa & ~(addr_t)(SIZE_PAGE - 1), va, attr, NULL);
	}
	return EOK;
}

int vm_mapCreate(vm_map_t *map, void *start, void *stop)
{
	vm_map_t *kmap = map_common.kmap;
	page_t *p;
	void *v;

	map->start = start;
	map->stop = stop;
	map->pmap.start = start;
	map->pmap.end = stop;

	p = vm_pageAlloc(SIZE_PDIR, PAGE_OWNER_KERNEL | PAGE_KERNEL_PTABLE);
	if (p == NULL)
		return -ENOMEM;
	v = vm_mmap(kmap, kmap->start, p, (size_t)1 << p->idx, PROT_READ | PROT_WRITE, map_common.kernel, -1, MAP_NONE);
	if (v == NULL) {
		vm_pageFree(p);
		return -ENOMEM;
	}
	pmap_create(&map->pmap, &kmap->pmap, p, v);
	proc_lockInit(&map->lock, "map.map");
	lib_rbInit(&map->tree, map_cmp, map_augment);
	return EOK;
}

int vm_mapCopy(struct _process_t *proc, vm_map_t *dst, vm_map_t *src)
{
	rbnode_t *n;

	(void)proc;
	for (n = lib_rbMinimum(src->tree.root); n != NULL; n = lib_rbNext(n)) {
		map_entry_t *e = map_entryOf(n), *f;

		if (e->flags & MAP_NOINHERIT)
			continue;
		f = map_alloc();
		if (f == NULL)
			return -ENOMEM;

		f->vaddr = e->vaddr;
		f->size = e->size;
		f->aoffs = e->aoffs;
		f->amap = amap_ref(e->amap);
		amap_getanons(e->amap, e->aoffs, e->size);
		f->object = vm_objectRef(e->object);
		f->offs = e->offs;
		f->flags = e->flags;
		f->prot = e->prot;
		f->protOrig = e->protOrig;

		if ((e->protOrig & PROT_WRITE) && !(e->flags & MAP_DEVICE)) {
			e->flags |= MAP_NEEDSCOPY;
			f->flags |= MAP_NEEDSCOPY;
		}
		_map_add(dst, f);

		for (size_t w = 0; w < f->size; w += SIZE_PAGE)
			LIB_ASSERT(_map_force(dst, f, (char *)f->vaddr + w, f->prot) == EOK, "fork: populate failed");
	}
	return EOK;
}

static void map_entryInfo(entryinfo_t *ei, map_entry_t *e)
{
	ei->vaddr = e->vaddr;
	ei->size = e->size;
	ei->flags = e->flags;
	ei->prot = e->prot;
	ei->protOrig = e->protOrig;
	ei->offs = e->offs;
	if (e->amap == NULL) {
		ei->anonsz = ~(size_t)0;
	}
	else {
		/* The whole amap counts, not just this entry's slice. */
		ei->anonsz = 0;
		for (size_t i = 0; i < e->amap->size; i++)
			if (e->amap->anons[i] != NULL)
				ei->anonsz += SIZE_PAGE;
	}
	if (e->object == NULL) {
		ei->object = OBJECT_ANONYMOUS;
	}
	else if (e->object == VM_OBJ_PHYSMEM) {
		ei->object = OBJECT_MEMORY;
	}
	else {
		ei->object = OBJECT_OID;
		ei->oid = e->object->oid;
	}
}

static int map_listInfo(vm_map_t *map, entryinfo_t *out, int capacity)
{
	int count = 0;

	for (rbnode_t *n = lib_rbMinimum(map->tree.root); n != NULL; n = lib_rbNext(n)) {
		if (count < capacity && out != NULL)
			map_entryInfo(&out[count], map_entryOf(n));
		count++;
	}
	return count;
}

void vm_mapinfo(meminfo_t *info)
{
	info->entry.total = (unsigned int)map_common.ntotal;
	info->entry.free = (unsigned int)map_common.nfree;
	info->entry.sz = sizeof(map_entry_t);

	if (info->entry.mapsz != -1) {
		process_t *process = proc_find((int)info->entry.pid);
		if (process == NULL)
			info->entry.mapsz = -1;
		else if (process->mapp == NULL)
			info->entry.mapsz = 0;
		else
			info->entry.mapsz = map_listInfo(process->mapp, info->entry.map, info->entry.mapsz);
	}
	if (info->entry.kmapsz != -1)
		info->entry.kmapsz = map_listInfo(map_common.kmap, info->entry.kmap, info->entry.kmapsz);

	info->maps.total = 0;
	info->maps.free = 0;
	if (info->maps.mapsz != -1)
		info->maps.mapsz = (int)map_common.mapssz;
}

void vm_mapGetStats(size_t *allocsz)
{
	*allocsz = (map_common.ntotal - map_common.nfree) * sizeof(map_entry_t);
}

int _map_init(vm_map_t *kmap, vm_object_t *kernel, void **bss, void **top)
{
	size_t freesz, poolsz;
	unsigned int i;
	void *vaddr;
	size_t size;
	vm_prot_t prot;

	map_common.kmap = kmap;
	map_common.kernel = kernel;
	map_common.maps = NULL;
	map_common.mapssz = 0;
	proc_lockInit(&map_common.lock, "map.common");

	/* About one entry per three free pages, carved once from the boot heap. */
	vm_pageGetStats(&freesz);
	map_common.ntotal = freesz / (3 * SIZE_PAGE + sizeof(map_entry_t));
	poolsz = map_common.ntotal * sizeof(map_entry_t);
	map_common.entries = (map_entry_t *)(((ptr_t)*bss + sizeof(void *) - 1) & ~(ptr_t)(sizeof(void *) - 1));
	while ((char *)map_common.entries + poolsz > (char *)*top)
		LIB_ASSERT(_page_sbrk(&kmap->pmap, bss, top) == EOK, "map: no heap for the entry pool");
	*bss = (char *)map_common.entries + poolsz;

	lib_printf("vm: Initializing memory mapper: (%zu*%zu) %zu\n", map_common.ntotal, sizeof(map_entry_t), poolsz);

	hal_memset(map_common.entries, 0, poolsz);
	for (i = 0; i + 1 < map_common.ntotal; i++)
		map_common.entries[i].next = &map_common.entries[i + 1];
	map_common.free = map_common.entries;
	map_common.nfree = map_common.ntotal;

	kmap->start = kmap->pmap.start;
	kmap->stop = kmap->pmap.end;
	proc_lockInit(&kmap->lock, "map.kmap");
	lib_rbInit(&kmap->tree, map_cmp, map_augment);

	/* The kernel image and boot heap become kernel-object entries. */
	for (i = 0; pmap_segment(i, &vaddr, &size, &prot, top) == EOK; i++) {
		map_entry_t *e = map_alloc();
		LIB_ASSERT(e != NULL, "map: no entry for a kernel segment");
		e->vaddr = vaddr;
		e->size = size;
		e->object = vm_objectRef(kernel);
		e->offs = VM_OFFS_MAX;
		e->flags = MAP_NONE;
		e->prot = prot;
		e->protOrig = prot;
		_map_add(kmap, e);
	}
	return EOK;
}
