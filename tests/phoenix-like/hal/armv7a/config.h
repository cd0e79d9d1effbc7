#ifndef PHX_ARMV7A_CONFIG_H
#define PHX_ARMV7A_CONFIG_H

#include "hal/types.h"

#define PKERNEL  0x40000000u  /* RAM base of the virt board; the kernel is linked 1 MiB above */
#define UART_PA  0x09000000u  /* PL011 */

typedef struct {
	addr_t start;
	size_t pageCount;
	u32 flags;
} pmap_memEntry_t;

/* Boot values _hal_init found, used by pmap.c. */
extern struct hal_armBoot {
	addr_t ramStart;
	addr_t ramEnd;
	addr_t dtb;
	size_t dtbsz;
} hal_boot;

/* The console moves from the boot identity section to the device window. */
void hal_consoleSetBase(void *base);

#endif
