#ifndef PHX_PROC_THREADS_H
#define PHX_PROC_THREADS_H

#include "proc/process.h"

typedef struct _thread_t {
	struct _thread_t *next;
	struct _thread_t *prev;
	idnode_t idlinkage;
	struct _process_t *process;
	int state;
	unsigned int priority;
	void *kstack;
	size_t kstacksz;
	void *context;
} thread_t;

thread_t *proc_threadCreate(process_t *process);

/* Makes t the running thread of CPU 0 and switches to its address space. */
void proc_threadRun(thread_t *t);

int _threads_init(vm_map_t *kmap, struct _vm_object_t *kernel);

#endif
