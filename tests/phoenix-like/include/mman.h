/* MAP_* and PROT_* values shared with userspace (phoenix-vm.md §3.4). */
#ifndef PHX_MMAN_H
#define PHX_MMAN_H

#define MAP_NONE       0x00
#define MAP_NEEDSCOPY  0x01
#define MAP_UNCACHED   0x02
#define MAP_DEVICE     0x04
#define MAP_NOINHERIT  0x08
#define MAP_PHYSMEM    0x10
#define MAP_CONTIGUOUS 0x20
#define MAP_ANONYMOUS  0x40
#define MAP_FIXED      0x80
#define MAP_SHARED     0x00
#define MAP_PRIVATE    0x00

#define PROT_NONE  0
#define PROT_READ  1
#define PROT_WRITE 2
#define PROT_EXEC  4
#define PROT_USER  8

#define MAP_FAILED ((void *)-1)

#endif
