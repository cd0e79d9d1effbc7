/* What _hal_init found in the DTB, for pmap.c (riscv64, armv7a, aarch64). */
#ifndef PHX_HAL_BOOT_H
#define PHX_HAL_BOOT_H

#include "hal/types.h"

extern struct hal_dtbBoot {
	addr_t ramStart;
	addr_t ramEnd;
	addr_t dtb;
	size_t dtbsz;
} hal_boot;

/* The console moves from the boot identity mapping to the device window. */
void hal_consoleSetBase(void *base);

#endif
