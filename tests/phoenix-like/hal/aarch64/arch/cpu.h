#ifndef PHX_ARCH_CPU_H
#define PHX_ARCH_CPU_H

#define _PAGE_SHIFT 12
#define SIZE_PAGE   (1ul << _PAGE_SHIFT)
#define SIZE_PDIR   SIZE_PAGE
#define ARCH_NAME   "aarch64"

#endif
