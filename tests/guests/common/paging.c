#include "paging.h"

#define SZ_4K 0x1000ull
#define SZ_2M 0x200000ull
#define SZ_1G 0x40000000ull

void *take_table(void *pool, unsigned tables, unsigned table_bytes, unsigned *used)
{
	if (*used >= tables) {
		put_str("VMSCOPE-GUEST error: page-table pool exhausted\n");
		spin_forever();
	}
	unsigned char *t = (unsigned char *)pool + (size_t)*used * table_bytes;
	(*used)++;
	memset(t, 0, table_bytes);
	return t;
}

/* Alignment by mask, not %: 32-bit guests link this file too and have no libgcc. */
static int fits(const struct mapping *m, uint64_t size)
{
	return m->size == size && !(m->va & (size - 1)) && !(m->pa & (size - 1));
}

void map_sized(const struct mapping *m, uint64_t bits, set_leaf_fn set_leaf, const struct leaf_levels *levels)
{
	if (fits(m, SZ_1G)) {
		set_leaf(m->va, m->pa, levels->giga, bits);
		return;
	}
	if (fits(m, SZ_2M)) {
		set_leaf(m->va, m->pa, levels->mega, bits);
		return;
	}
	for (uint64_t off = 0; off < m->size; off += SZ_4K)
		set_leaf(m->va + off, m->pa + off, levels->page, bits);
}
