#ifndef PHX_ARCH_CPU_H
#define PHX_ARCH_CPU_H

#define _PAGE_SHIFT 12
#define SIZE_PAGE   (1u << _PAGE_SHIFT)
#define SIZE_PDIR   0x2000u  /* the user half of the L1 table under TTBCR.N = 1 */
#define ARCH_NAME   "armv7a"

#endif
