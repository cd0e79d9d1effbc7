/* page_t flags: identical on every architecture (phoenix-vm.md §2.2). */
#ifndef PHX_HAL_PAGEFLAGS_H
#define PHX_HAL_PAGEFLAGS_H

#define PAGE_FREE            0x01
#define PAGE_OWNER_BOOT      (0 << 1)
#define PAGE_OWNER_KERNEL    (1 << 1)
#define PAGE_OWNER_APP       (2 << 1)
#define PAGE_KERNEL_SYSPAGE  (1 << 4)
#define PAGE_KERNEL_CPU      (2 << 4)
#define PAGE_KERNEL_PTABLE   (3 << 4)
#define PAGE_KERNEL_PMAP     (4 << 4)
#define PAGE_KERNEL_STACK    (5 << 4)
#define PAGE_KERNEL_HEAP     (6 << 4)

#endif
