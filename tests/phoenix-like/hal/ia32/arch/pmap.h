/* ia32 page_t, pmap_t and page-table attribute bits (phoenix-vm.md §2.2, §2.8, §4.2). */
#ifndef PHX_ARCH_PMAP_H
#define PHX_ARCH_PMAP_H

#include "arch/types.h"
#include "arch/cpu.h"

/* Hardware attributes: the x86 PTE bits themselves; READ and EXEC do not exist without NX. */
#define PGHD_PRESENT    0x01
#define PGHD_WRITE      0x02
#define PGHD_USER       0x04
#define PGHD_READ       0x00
#define PGHD_EXEC       0x00
#define PGHD_NOT_CACHED 0x10
#define PGHD_DEV        0x18

#define VADDR_MIN      0x00000000u
#define VADDR_KERNEL   0xc0000000u
#define VADDR_MAX      0xffffffffu
#define VADDR_USR_MAX  VADDR_KERNEL

#include "hal/pageflags.h"

/* Field order as on ia32: the pointers come before idx/flags (16 bytes). */
typedef struct _page_t {
	addr_t addr;
	struct _page_t *next;
	struct _page_t *prev;
	u8 idx;
	u8 flags;
} page_t;

typedef struct _pmap_t {
	u32 *pdir;      /* kernel VA of the page directory */
	addr_t cr3;     /* its physical address */
	void *start;
	void *end;
	void *pmapv;
	page_t *pmapp;
} pmap_t;

#endif
