/* AArch64 guest: stage 1 EL1&0, 4 KiB granule, TTBR0 only, 48-bit (T0SZ=16, walk from
 * level 0) or 39-bit (T0SZ=25, walk from level 1) VA as chosen by VA_BITS. 1 GiB and
 * 2 MiB blocks, 4 KiB pages, UXN/PXN, read-only, EL0-accessible, an alias. */
#include "../common/paging.h"

#ifndef VA_BITS
#define VA_BITS 48
#endif
#if VA_BITS == 48
#define START_LEVEL 0
#define MODE "va48"
#elif VA_BITS == 39
#define START_LEVEL 1
#define MODE "va39"
#else
#error "VA_BITS must be 48 or 39"
#endif

#define SZ_4K  0x1000ull
#define SZ_2M  0x200000ull
#define SZ_1G  0x40000000ull
#define POOL_PAGES 24

#define UART0 0x09000000ull  /* PL011 */

#define D_VALID    (1ull << 0)
#define D_TABLE    (1ull << 1)   /* table at levels 0-2, page at level 3 */
#define D_ATTR(i)  ((uint64_t)(i) << 2)
#define D_AP_EL0   (1ull << 6)   /* AP[1] */
#define D_AP_RO    (1ull << 7)   /* AP[2] */
#define D_SH_INNER (3ull << 8)
#define D_AF       (1ull << 10)
#define D_NG       (1ull << 11)
#define D_PXN      (1ull << 53)
#define D_UXN      (1ull << 54)
#define ADDR_MASK  0x0000fffffffff000ull

#define ATTR_NORMAL 0  /* MAIR attr0 = 0xff: normal write-back */
#define ATTR_DEVICE 1  /* MAIR attr1 = 0x00: device nGnRnE */

extern char __image_start[], __image_end[];

static uint64_t pool[POOL_PAGES][512] __attribute__((aligned(4096)));
static unsigned pool_used;

void uart_putc(char c)
{
	volatile uint32_t *uart = (volatile uint32_t *)UART0;
	for (int i = 0; i < 100000 && (uart[0x18 / 4] & (1u << 5)); i++)  /* FR.TXFF */
		;
	uart[0] = (uint8_t)c;
}

/* Rights are the owner's: user pages are never kernel-executable (PXN), kernel pages never
 * user-executable (UXN). */
static struct mapping maps[] = {
	{ 0, 0, 0, M_R | M_W | M_X | M_G | M_SELF },                          /* the image, identity */
	{ UART0, UART0, SZ_4K, M_R | M_W | M_G | M_DEV },                     /* PL011, identity */
	{ 0x0000004000000000ull, 0x80000000ull, SZ_1G, M_R | M_W | M_G },     /* 1 GiB block */
	{ 0x0000004100000000ull, 0x40400000ull, SZ_2M, M_R | M_W | M_X | M_G },/* 2 MiB block, kernel exec */
	{ 0x0000004100200000ull, 0x40600000ull, SZ_2M, M_R | M_X | M_U },     /* 2 MiB block, user RO exec */
	{ 0x0000004200000000ull, 0x40800000ull, SZ_4K, M_R | M_W | M_G },     /* kernel RW */
	{ 0x0000004200001000ull, 0x40801000ull, SZ_4K, M_R | M_G },           /* kernel RO */
	{ 0x0000004200002000ull, 0x40802000ull, SZ_4K, M_R | M_W | M_U },     /* user RW */
	{ 0x0000004200003000ull, 0x40803000ull, SZ_4K, M_R | M_X | M_U },     /* user RO exec */
	{ 0x0000004300000000ull, 0x40800000ull, SZ_4K, M_R | M_U },           /* alias of 0x4200000000, user RO */
	{ 0x0000004300010000ull, 0x40810000ull, 4 * SZ_4K, M_R | M_W | M_X | M_G }, /* 4 pages, contiguous */
#if VA_BITS == 48
	{ 0x00007f0000000000ull, 0x40804000ull, SZ_4K, M_R | M_W | M_G },     /* level-0 index 254 */
	{ 0x0000fffffffff000ull, 0x40805000ull, SZ_4K, M_R | M_U },           /* last page of the 48-bit range */
#endif
};

static uint64_t *root_table;

static uint64_t *alloc_table(void)
{
	return take_table(pool, POOL_PAGES, sizeof(pool[0]), &pool_used);
}

static uint64_t leaf_bits(unsigned flags)
{
	uint64_t d = D_VALID | D_AF;
	if (flags & M_DEV)
		d |= D_ATTR(ATTR_DEVICE);
	else
		d |= D_ATTR(ATTR_NORMAL) | D_SH_INNER;
	if (flags & M_U)
		d |= D_AP_EL0 | D_PXN | ((flags & M_X) ? 0 : D_UXN);
	else
		d |= D_UXN | ((flags & M_X) ? 0 : D_PXN);
	if (!(flags & M_W))
		d |= D_AP_RO;
	if (!(flags & M_G))
		d |= D_NG;
	return d;
}

static unsigned index_at(uint64_t va, int level)
{
	return (unsigned)(va >> (39 - 9 * level)) & 511;
}

/* Leaf level: 1 = 1 GiB block, 2 = 2 MiB block, 3 = 4 KiB page. */
static void set_leaf(uint64_t va, uint64_t pa, int leaf_level, uint64_t bits)
{
	uint64_t *table = root_table;
	for (int level = START_LEVEL; level < leaf_level; level++) {
		uint64_t *e = &table[index_at(va, level)];
		if (!(*e & D_VALID))
			*e = (uint64_t)(uintptr_t)alloc_table() | D_VALID | D_TABLE;
		table = (uint64_t *)(uintptr_t)(*e & ADDR_MASK);
	}
	table[index_at(va, leaf_level)] = pa | bits | (leaf_level == 3 ? D_TABLE : 0);
}

static void map_one(const struct mapping *m)
{
	static const struct leaf_levels levels = { .giga = 1, .mega = 2, .page = 3 };
	map_sized(m, leaf_bits(m->flags), set_leaf, &levels);
}

void guest_main(void)
{
	maps[0].va = maps[0].pa = (uintptr_t)__image_start;
	maps[0].size = (uintptr_t)__image_end - (uintptr_t)__image_start;

	root_table = alloc_table();
	for (unsigned i = 0; i < ARRAY_LEN(maps); i++)
		map_one(&maps[i]);
	mark_frames(maps, ARRAY_LEN(maps));

	uint64_t ttbr0 = (uint64_t)(uintptr_t)root_table;  /* ASID 0 */
	uint64_t mair = 0x00ffull;                          /* attr0 normal WB, attr1 device */
	uint64_t tcr = (uint64_t)(64 - VA_BITS)             /* T0SZ */
		| (1ull << 8) | (1ull << 10) | (3ull << 12)  /* IRGN0, ORGN0 write-back, SH0 inner */
		| (0ull << 14)                               /* TG0 4 KiB */
		| (1ull << 23)                               /* EPD1: no TTBR1 walks */
		| (2ull << 32);                              /* IPS 40 bits */
	uint64_t sctlr;
	__asm__ volatile(
		"msr mair_el1, %0\n"
		"msr tcr_el1, %1\n"
		"msr ttbr0_el1, %2\n"
		"isb\n"
		"tlbi vmalle1\n"
		"dsb sy\n"
		"isb\n"
		:: "r"(mair), "r"(tcr), "r"(ttbr0) : "memory");
	__asm__ volatile("mrs %0, sctlr_el1" : "=r"(sctlr));
	sctlr &= ~((1ull << 19) | (1ull << 1));  /* WXN off, alignment checks off */
	sctlr |= 1ull;                           /* M */
	__asm__ volatile("msr sctlr_el1, %0\nisb\n" :: "r"(sctlr) : "memory");

	report_header("aarch64", MODE, ttbr0);
	report_maps(maps, ARRAY_LEN(maps));
	report_ready();
	spin_forever();
}
