/* Arch entry points that are not part of the pmap interface. */
#ifndef PHX_HAL_HAL_H
#define PHX_HAL_HAL_H

#include "hal/types.h"

/* Console, RAM size and boot reservations from the loader's hand-over (multiboot info / DTB). */
void _hal_init(ptr_t bootarg);

/* First byte of the kernel image (its link address). */
ptr_t hal_kernelStart(void);

/* Physical address of a kernel-image or boot-heap virtual address. */
addr_t hal_kernelPhys(const void *va);

/* Physical address where the loader left the syspage program image, and a device page. */
addr_t hal_progBase(void);

addr_t hal_devicePage(void);

/* Physical RAM the page array describes: [start, end). */
void hal_ramRange(addr_t *start, addr_t *end);

/* Paging root register value as loaded now (CR3 / satp). */
addr_t hal_cpuGetRoot(void);

#endif
