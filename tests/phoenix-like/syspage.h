#ifndef PHX_SYSPAGE_INIT_H
#define PHX_SYSPAGE_INIT_H

#include "include/syspage.h"

extern syspage_t *syspage;

/* Plays the loader: one memory map and one program image ("/sbin/init") in RAM. */
void syspage_init(addr_t pkernel, addr_t ramStart, addr_t ramEnd, addr_t progBase, size_t progSize);

/* Writes the program image the loader would have copied (after paging is up). */
void syspage_loadProgs(void);

#endif
