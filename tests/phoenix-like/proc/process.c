/* Processes: the id tree the debugger walks and the private MMU maps (§6). */
#include "proc/threads.h"
#include "vm/vm.h"
#include "include/errno.h"
#include "lib/lib.h"

static struct {
	vm_map_t *kmap;
	struct _vm_object_t *kernel;
	process_t *first;
	size_t stacksz;
	lock_t lock;
	idtree_t id;
	int idcounter;
} process_common;

process_t *proc_find(int pid)
{
	idnode_t *n = lib_idtreeFind(&process_common.id, pid);
	return n == NULL ? NULL : lib_treeof(process_t, idlinkage, n);
}

process_t *proc_create(char *path)
{
	process_t *p = vm_kmalloc(sizeof(process_t));

	if (p == NULL)
		return NULL;
	hal_memset(p, 0, sizeof(*p));
	proc_lockInit(&p->lock, "process");
	p->refs = 1;
	p->path = path;
	p->lazy = 0;
	p->posix = 1;

	if (vm_mapCreate(&p->map, (void *)(ptr_t)(VADDR_MIN + SIZE_PAGE), (void *)(ptr_t)VADDR_USR_MAX) < 0) {
		vm_kfree(p);
		return NULL;
	}
	p->mapp = &p->map;
	p->imapp = NULL;
	p->pmapp = &p->map.pmap;
	p->entries = NULL;

	process_common.idcounter = lib_idtreeAlloc(&process_common.id, &p->idlinkage, process_common.idcounter) + 1;
	if (process_common.first == NULL)
		process_common.first = p;
	p->threads = proc_threadCreate(p);
	return p;
}

process_t *proc_fork(process_t *parent, char *path)
{
	process_t *child = proc_create(path);

	if (child == NULL)
		return NULL;
	LIB_ASSERT(vm_mapCopy(child, &child->map, parent->mapp) == EOK, "fork: map copy failed");
	return child;
}

int _process_init(vm_map_t *kmap, struct _vm_object_t *kernel)
{
	process_common.kmap = kmap;
	process_common.kernel = kernel;
	process_common.first = NULL;
	process_common.stacksz = 8 * SIZE_PAGE;
	process_common.idcounter = 1;
	proc_lockInit(&process_common.lock, "process.common");
	lib_idtreeInit(&process_common.id);
	return EOK;
}
