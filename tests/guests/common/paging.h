/* Page-table helpers shared by the paged vmscope test guests. */
#ifndef VMSCOPE_GUEST_PAGING_H
#define VMSCOPE_GUEST_PAGING_H

#include "report.h"

/* Hands out the next zeroed table of a guest's static pool, which holds "tables" tables
 * of "table_bytes" each, "*used" of them taken. Halts the guest when the pool is used up:
 * a half-built page table would make every later check meaningless. */
void *take_table(void *pool, unsigned tables, unsigned table_bytes, unsigned *used);

/* Installs one leaf: level is in the guest's own numbering. */
typedef void (*set_leaf_fn)(uint64_t va, uint64_t pa, int level, uint64_t bits);

/* Levels of a 1 GiB, a 2 MiB and a 4 KiB leaf in a guest's numbering. */
struct leaf_levels {
	int giga;
	int mega;
	int page;
};

/* Maps m with one 1 GiB or 2 MiB leaf when its size and both addresses allow it,
 * else as a run of 4 KiB leaves. */
void map_sized(const struct mapping *m, uint64_t bits, set_leaf_fn set_leaf, const struct leaf_levels *levels);

#endif
