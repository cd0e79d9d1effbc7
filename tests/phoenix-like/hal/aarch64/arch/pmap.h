/* aarch64 page_t, pmap_t and attribute bits (phoenix-vm.md §2.2, §2.8, §4.4). */
#ifndef PHX_ARCH_PMAP_H
#define PHX_ARCH_PMAP_H

#include "arch/types.h"
#include "arch/cpu.h"

#include "hal/armattr.h"

#define VADDR_MIN      0x0000000000000000ul
#define VADDR_KERNEL   0xffffffffc0000000ul
#define VADDR_MAX      0xfffffffffffffffful
#define VADDR_USR_MAX  0x0000008000000000ul
#define VADDR_DTB      0xfffffffffff00000ul  /* the last MiB: the device window (UART) */

#include "hal/pageflags.h"

typedef u16 asid_t;

/* idx/flags right after addr (32 bytes). */
typedef struct _page_t {
	addr_t addr;
	u8 idx;
	u8 flags;
	struct _page_t *next;
	struct _page_t *prev;
} page_t;

typedef struct _pmap_t {
	asid_t asid;    /* 0 = none (never assigned here) */
	u64 *ttl1;      /* kernel VA of the level 1 table; the kernel's is software-only */
	addr_t addr;    /* its physical address (TTBR0 without the ASID) */
	void *start;
	void *end;
	void *pmapv;
	page_t *pmapp;
} pmap_t;

#endif
