/* x86_64 guest: 4-level long mode with 4 KiB, 2 MiB and 1 GiB pages, NX, RO, user. */
#include "../common/paging.h"

#define PG_P   0x001ull
#define PG_RW  0x002ull
#define PG_US  0x004ull
#define PG_PS  0x080ull
#define PG_G   0x100ull
#define PG_NX  (1ull << 63)
#define ADDR_MASK 0x000ffffffffff000ull

#define SZ_4K  0x1000ull
#define SZ_2M  0x200000ull
#define SZ_1G  0x40000000ull
#define POOL_PAGES 24

#define COM1 0x3f8

extern char __image_start[], __image_end[];

static uint64_t pool[POOL_PAGES][512] __attribute__((aligned(4096)));
static unsigned pool_used;

static inline void outb(uint16_t port, uint8_t v) { __asm__ volatile("outb %0, %1" :: "a"(v), "Nd"(port)); }
static inline uint8_t inb(uint16_t port) { uint8_t v; __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port)); return v; }

void uart_putc(char c)
{
	for (int i = 0; i < 100000 && !(inb(COM1 + 5) & 0x20); i++)
		;
	outb(COM1, (uint8_t)c);
}

static struct mapping maps[] = {
	{ 0, 0, 0, M_R | M_W | M_X | M_G | M_SELF },                              /* the image, identity */
	{ 0xffff800000000000ull, 0x40000000ull, SZ_1G, M_R | M_W | M_G },         /* 1 GiB page, NX */
	{ 0xffff800040000000ull, 0x00400000ull, SZ_2M, M_R | M_W | M_X | M_G },   /* 2 MiB kernel exec */
	{ 0xffff800040200000ull, 0x00600000ull, SZ_2M, M_R | M_U },               /* 2 MiB user RO NX */
	{ 0xffffc90000000000ull, 0x00800000ull, SZ_4K, M_R | M_W | M_G },         /* kernel RW NX */
	{ 0xffffc90000001000ull, 0x00801000ull, SZ_4K, M_R | M_G },               /* kernel RO NX */
	{ 0xffffc90000002000ull, 0x00802000ull, SZ_4K, M_R | M_X | M_G },         /* kernel RO exec */
	{ 0x0000700000000000ull, 0x00803000ull, SZ_4K, M_R | M_W | M_U },         /* user RW NX */
	{ 0x0000700000001000ull, 0x00804000ull, SZ_4K, M_R | M_X | M_U },         /* user RO exec */
	{ 0xffffc90000010000ull, 0x00800000ull, SZ_4K, M_R | M_G },               /* alias of 0xffffc90000000000, RO */
	{ 0x00007fffffffe000ull, 0x00805000ull, 2 * SZ_4K, M_R | M_W | M_U },     /* top of the user half */
};

static uint64_t *pml4;

static uint64_t *alloc_table(void)
{
	return take_table(pool, POOL_PAGES, sizeof(pool[0]), &pool_used);
}

static uint64_t leaf_bits(unsigned flags)
{
	uint64_t bits = PG_P;
	if (flags & M_W)
		bits |= PG_RW;
	if (flags & M_U)
		bits |= PG_US;
	if (flags & M_G)
		bits |= PG_G;
	if (!(flags & M_X))
		bits |= PG_NX;
	return bits;
}

/* level 3 = PML4 ... level 0 = PT; a leaf of size 1G sits at level 2, 2M at level 1. */
static void set_leaf(uint64_t va, uint64_t pa, int leaf_level, uint64_t bits)
{
	uint64_t *table = pml4;
	for (int level = 3; level > leaf_level; level--) {
		uint64_t *e = &table[(va >> (12 + 9 * level)) & 511];
		if (!(*e & PG_P))
			*e = (uint64_t)(uintptr_t)alloc_table() | PG_P | PG_RW | PG_US;
		table = (uint64_t *)(uintptr_t)(*e & ADDR_MASK);
	}
	table[(va >> (12 + 9 * leaf_level)) & 511] = pa | bits | (leaf_level > 0 ? PG_PS : 0);
}

static void map_one(const struct mapping *m)
{
	static const struct leaf_levels levels = { .giga = 2, .mega = 1, .page = 0 };
	map_sized(m, leaf_bits(m->flags), set_leaf, &levels);
}

void guest_main(void)
{
	maps[0].va = maps[0].pa = (uintptr_t)__image_start;
	maps[0].size = (uintptr_t)__image_end - (uintptr_t)__image_start;

	pml4 = alloc_table();
	for (unsigned i = 0; i < ARRAY_LEN(maps); i++)
		map_one(&maps[i]);
	mark_frames(maps, ARRAY_LEN(maps));

	uint64_t root = (uint64_t)(uintptr_t)pml4;
	__asm__ volatile(
		"mov %0, %%cr3\n"
		"mov %%cr4, %%rax\n"
		"or $0x80, %%rax\n"          /* PGE */
		"mov %%rax, %%cr4\n"
		:: "r"(root) : "rax", "memory");

	report_header("x86_64", "4level", root);
	report_maps(maps, ARRAY_LEN(maps));
	report_ready();
	spin_forever();
}
