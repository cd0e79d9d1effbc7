/* One thread per process; current[0] says whose address space is live. */
#include "proc/threads.h"
#include "vm/vm.h"
#include "include/errno.h"
#include "lib/lib.h"

#define NUM_CPUS 1
#define KSTACK_SIZE 1024
#define PRIO_DEFAULT 4

static struct {
	vm_map_t *kmap;
	spinlock_t spinlock;
	lock_t lock;
	thread_t *ready[8];
	thread_t **current;
	idtree_t id;
	int idcounter;
} threads_common;

static void thread_listAdd(thread_t **list, thread_t *t)
{
	if (*list == NULL) {
		t->next = t;
		t->prev = t;
		*list = t;
		return;
	}
	t->prev = (*list)->prev;
	t->next = *list;
	(*list)->prev->next = t;
	(*list)->prev = t;
}

static void thread_listRemove(thread_t **list, thread_t *t)
{
	if (t->next == t) {
		*list = NULL;
	}
	else {
		t->prev->next = t->next;
		t->next->prev = t->prev;
		if (*list == t)
			*list = t->next;
	}
	t->next = NULL;
	t->prev = NULL;
}

thread_t *proc_threadCreate(process_t *process)
{
	thread_t *t = vm_kmalloc(sizeof(thread_t));

	if (t == NULL)
		return NULL;
	hal_memset(t, 0, sizeof(*t));
	t->process = process;
	t->priority = PRIO_DEFAULT;
	t->kstacksz = KSTACK_SIZE;
	t->kstack = vm_kmalloc(KSTACK_SIZE);
	t->context = (t->kstack != NULL) ? (char *)t->kstack + KSTACK_SIZE - 64 : NULL;
	threads_common.idcounter = lib_idtreeAlloc(&threads_common.id, &t->idlinkage, threads_common.idcounter) + 1;
	thread_listAdd(&threads_common.ready[t->priority], t);
	return t;
}

void proc_threadRun(thread_t *t)
{
	thread_t *old = threads_common.current[0];

	if (old != NULL)
		thread_listAdd(&threads_common.ready[old->priority], old);
	thread_listRemove(&threads_common.ready[t->priority], t);
	threads_common.current[0] = t;
	pmap_switch(t->process->pmapp);
}

int _threads_init(vm_map_t *kmap, struct _vm_object_t *kernel)
{
	(void)kernel;
	threads_common.kmap = kmap;
	threads_common.spinlock.name = "threads.spinlock";
	threads_common.spinlock.lock = 1;
	proc_lockInit(&threads_common.lock, "threads.common");
	for (unsigned int i = 0; i < 8; i++)
		threads_common.ready[i] = NULL;
	threads_common.current = vm_kmalloc(NUM_CPUS * sizeof(thread_t *));
	if (threads_common.current == NULL)
		return -ENOMEM;
	for (unsigned int i = 0; i < NUM_CPUS; i++)
		threads_common.current[i] = NULL;
	lib_idtreeInit(&threads_common.id);
	threads_common.idcounter = 1;
	return EOK;
}
