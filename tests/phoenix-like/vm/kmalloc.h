#ifndef PHX_VM_KMALLOC_H
#define PHX_VM_KMALLOC_H

#include "hal/types.h"

void *vm_kmalloc(size_t size);

void vm_kfree(void *p);

void vm_kmallocGetStats(size_t *allocsz);

int _kmalloc_init(void);

#endif
