#ifndef PHX_RISCV64_CONFIG_H
#define PHX_RISCV64_CONFIG_H

#include "hal/types.h"

#define PKERNEL  0x80000000ul
#define UART_PA  0x10000000ul

typedef struct {
	addr_t start;
	size_t pageCount;
	u32 flags;
} pmap_memEntry_t;

/* Boot values _hal_init found, used by pmap.c. */
extern struct hal_riscvBoot {
	addr_t ramStart;
	addr_t ramEnd;
	addr_t dtb;
	size_t dtbsz;
} hal_boot;

/* The console moves from the boot identity window to the device window. */
void hal_consoleSetBase(void *base);

#endif
