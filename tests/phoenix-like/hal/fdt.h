/* The two facts the kernels take from a flattened device tree: its size and the RAM range. */
#ifndef PHX_HAL_FDT_H
#define PHX_HAL_FDT_H

#include "hal/types.h"

#define FDT_MAGIC 0xd00dfeedu

/* A big-endian word of the blob. */
u32 fdt32(const u8 *p);

/* First reg of the first memory node, assuming #address-cells = #size-cells = 2 (QEMU virt);
 * 0, or -1 when there is none (start/end untouched). */
int fdt_memory(const u8 *fdt, u64 *start, u64 *end);

#endif
