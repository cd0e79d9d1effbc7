/* process_t with the members a debugger reads (phoenix-vm.md §6). */
#ifndef PHX_PROC_PROCESS_H
#define PHX_PROC_PROCESS_H

#include "vm/map.h"
#include "lib/idtree.h"
#include "proc/lock.h"

struct _thread_t;
struct _port_t;
struct _resource_t;

typedef struct {
	ptr_t tls_base;
	ptr_t arm_m_tls;
	size_t tbss_sz;
	size_t tdata_sz;
} hal_tls_t;

typedef struct _process_t {
	lock_t lock;
	struct _thread_t *threads;
	struct _thread_t *ghosts;
	struct _thread_t *reaper;
	int refs;
	char *path;
	char **argv;
	char **envp;
	idnode_t idlinkage;

	vm_map_t map;
	map_entry_t *entries;
	vm_map_t *mapp;
	vm_map_t *imapp;
	pmap_t *pmapp;

	int exit;
	unsigned int lazy : 1;
	unsigned int lgap : 1;
	unsigned int rgap : 1;
	unsigned int posix : 1;

	struct _port_t *ports;
	struct _resource_t *resources;
	unsigned int sigpend;
	unsigned int sigmask;
	void *sighandler;
	void *got;
	hal_tls_t tls;
} process_t;

process_t *proc_find(int pid);

/* A process with an empty private map and one thread; path must stay valid. */
process_t *proc_create(char *path);

process_t *proc_fork(process_t *parent, char *path);

int _process_init(vm_map_t *kmap, struct _vm_object_t *kernel);

#endif
