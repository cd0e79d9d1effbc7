/* Boot-time classification of RAM frames for pmap_getPage: reserved ranges the arch registers in
 * _pmap_init (first match wins), frames of syspage program images (A), the rest free. */
#ifndef PHX_HAL_FRAMES_H
#define PHX_HAL_FRAMES_H

#include "hal/pmap.h"

void hal_framesReserve(addr_t start, size_t pages, u32 flags);

/* pmap_getPage over the RAM range [ramStart, ramEnd) */
int hal_framesGetPage(page_t *page, addr_t *addr, addr_t ramStart, addr_t ramEnd);

/* After the arch's own reservations (its page tables): boot stack, syspage, the image, the boot
 * heap and the DTB (hal/image.c). */
void hal_imageReserve(void *heapStart, size_t heapPages);

/* Whether a frame belongs to a syspage program image. */
int hal_inProg(addr_t a);

#endif
