/* armv7a page_t, pmap_t and attribute bits (phoenix-vm.md §2.2, §2.8, §4.3). */
#ifndef PHX_ARCH_PMAP_H
#define PHX_ARCH_PMAP_H

#include "arch/types.h"
#include "arch/cpu.h"

#include "hal/armattr.h"

#define VADDR_MIN      0x00000000u
#define VADDR_KERNEL   0xc0000000u
#define VADDR_MAX      0xffffffffu
#define VADDR_USR_MAX  0x80000000u
#define VADDR_DEVICES  0xffc00000u  /* excptab window: the UART */

#define TTBR_CACHE_CONF 0x5bu  /* IRGN/RGN write-back, shareable */

#include "hal/pageflags.h"

/* idx/flags right after addr (16 bytes). */
typedef struct _page_t {
	addr_t addr;
	u8 idx;
	u8 flags;
	struct _page_t *next;
	struct _page_t *prev;
} page_t;

typedef struct _pmap_t {
	u8 asid_ix;     /* index into pmap_common.asids; 0 = none (never assigned here) */
	u32 *pdir;      /* kernel VA of the L1 table (the kernel's has 4096 entries, a user one 2048) */
	addr_t addr;    /* its physical address: TTBR0 without the cache bits */
	void *start;
	void *end;
	void *pmapv;
	page_t *pmapp;
} pmap_t;

#endif
