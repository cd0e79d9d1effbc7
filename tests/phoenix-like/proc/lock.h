/* Kernel mutex shape (spinlock, owner, wait queue, list links, name, attributes, depth).
 * Nothing here runs concurrently; the fields exist so the layout looks like Phoenix's. */
#ifndef PHX_PROC_LOCK_H
#define PHX_PROC_LOCK_H

#include "hal/types.h"

struct _thread_t;

typedef struct _spinlock_t {
	const char *name;
	struct _spinlock_t *next;
	struct _spinlock_t *prev;
	volatile u32 lock;
} spinlock_t;

struct lockAttr {
	int type;
};

typedef struct _lock_t {
	spinlock_t spinlock;
	struct _thread_t *owner;
	struct _thread_t *queue;
	struct _lock_t *prev;
	struct _lock_t *next;
	const char *name;
	struct lockAttr attr;
	unsigned int depth;
	unsigned int epoch;
} lock_t;

static inline void proc_lockInit(lock_t *lock, const char *name)
{
	lock->spinlock.name = name;
	lock->spinlock.next = NULL;
	lock->spinlock.prev = NULL;
	lock->spinlock.lock = 1;
	lock->owner = NULL;
	lock->queue = NULL;
	lock->prev = NULL;
	lock->next = NULL;
	lock->name = name;
	lock->attr.type = 0;
	lock->depth = 0;
	lock->epoch = 0;
}

#endif
