/* riscv64 page_t, pmap_t and Sv39 attribute bits (phoenix-vm.md §2.2, §2.8, §4.5). */
#ifndef PHX_ARCH_PMAP_H
#define PHX_ARCH_PMAP_H

#include "arch/types.h"
#include "arch/cpu.h"

/* Hardware attributes equal the Sv39 PTE bits. DEV/NOT_CACHED have no encoding (no PBMT). */
#define PGHD_PRESENT    0x01
#define PGHD_READ       0x02
#define PGHD_WRITE      0x04
#define PGHD_EXEC       0x08
#define PGHD_USER       0x10
#define PGHD_NOT_CACHED 0x00
#define PGHD_DEV        0x00

#define VADDR_MIN      0x0000000000000000ul
#define VADDR_KERNEL   0x0000003fc0000000ul
#define VADDR_MAX      0xfffffffffffffffful
#define VADDR_USR_MAX  VADDR_KERNEL
#define VADDR_DTB      0xffffffffc0000000ul

#define SATP_MODE_SV39 (8ul << 60)

#include "hal/pageflags.h"

/* idx/flags come right after addr on riscv64 (32 bytes). */
typedef struct _page_t {
	addr_t addr;
	u8 idx;
	u8 flags;
	struct _page_t *next;
	struct _page_t *prev;
} page_t;

typedef struct _pmap_t {
	u64 *pdir2;     /* kernel VA of the root table */
	addr_t satp;    /* full SATP value: mode | root PPN */
	void *start;
	void *end;
	void *pmapv;
	page_t *pmapp;
} pmap_t;

#endif
