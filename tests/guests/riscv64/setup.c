/* RISC-V guest: Sv39 (SV=39) or Sv48 (SV=48) from S-mode. 4 KiB pages, 2 MiB megapages,
 * a 1 GiB gigapage, R/W/X combinations (including execute-only), U pages, an alias. */
#include "../common/paging.h"

#ifndef SV
#define SV 39
#endif
#if SV == 39
#define LEVELS 3
#define SATP_MODE 8ull
#define MODE "sv39"
#elif SV == 48
#define LEVELS 4
#define SATP_MODE 9ull
#define MODE "sv48"
#else
#error "SV must be 39 or 48"
#endif

#define SZ_4K  0x1000ull
#define SZ_2M  0x200000ull
#define SZ_1G  0x40000000ull
#define POOL_PAGES 24

#define UART0 0x10000000ull  /* NS16550A */

#define PTE_V (1ull << 0)
#define PTE_R (1ull << 1)
#define PTE_W (1ull << 2)
#define PTE_X (1ull << 3)
#define PTE_U (1ull << 4)
#define PTE_G (1ull << 5)
#define PTE_A (1ull << 6)
#define PTE_D (1ull << 7)

extern char __image_start[], __image_end[];

static uint64_t pool[POOL_PAGES][512] __attribute__((aligned(4096)));
static unsigned pool_used;

void uart_putc(char c)
{
	volatile uint8_t *uart = (volatile uint8_t *)UART0;
	for (int i = 0; i < 100000 && !(uart[5] & 0x20); i++)  /* LSR.THRE */
		;
	uart[0] = (uint8_t)c;
}

static struct mapping maps[] = {
	{ 0, 0, 0, M_R | M_W | M_X | M_G | M_SELF },                              /* the image, identity */
	{ UART0, UART0, SZ_4K, M_R | M_W | M_G | M_DEV },                         /* UART, identity */
	{ 0xffffffc000000000ull, 0xc0000000ull, SZ_1G, M_R | M_W | M_G },         /* gigapage */
	{ 0xffffffc040000000ull, 0x80400000ull, SZ_2M, M_R | M_X | M_G },         /* megapage r-x */
	{ 0xffffffc040200000ull, 0x80600000ull, SZ_2M, M_R | M_W | M_X | M_G },   /* megapage rwx */
	{ 0xffffffc080000000ull, 0x80800000ull, SZ_4K, M_R | M_W | M_G },         /* kernel rw- */
	{ 0xffffffc080001000ull, 0x80801000ull, SZ_4K, M_R | M_G },               /* kernel r-- */
	{ 0xffffffc080002000ull, 0x80802000ull, SZ_4K, M_X | M_G },               /* kernel execute-only */
	{ 0x0000002000000000ull, 0x80803000ull, SZ_4K, M_R | M_W | M_U },         /* user rw- */
	{ 0x0000002000001000ull, 0x80804000ull, SZ_4K, M_R | M_X | M_U },         /* user r-x */
	{ 0x0000002000002000ull, 0x80805000ull, SZ_4K, M_R | M_U },               /* user r-- */
	{ 0x0000002000200000ull, 0x80a00000ull, SZ_2M, M_R | M_W | M_U },         /* user megapage */
	{ 0xffffffc080010000ull, 0x80800000ull, SZ_4K, M_R | M_G },               /* alias of 0xffffffc080000000 */
	{ 0xffffffc080020000ull, 0x80810000ull, 3 * SZ_4K, M_R | M_W | M_G },     /* 3 pages, contiguous */
#if SV == 48
	{ 0xffff800000000000ull, 0x80806000ull, SZ_4K, M_R | M_W | M_G },         /* bottom of the Sv48 upper half */
	{ 0x00007ffffffff000ull, 0x80807000ull, SZ_4K, M_R | M_U },               /* top of the Sv48 lower half */
#endif
};

static uint64_t *root_table;

static uint64_t *alloc_table(void)
{
	return take_table(pool, POOL_PAGES, sizeof(pool[0]), &pool_used);
}

/* A and D are preset so no access ever needs an A/D update. */
static uint64_t leaf_bits(unsigned flags)
{
	uint64_t pte = PTE_V | PTE_A | PTE_D;
	if (flags & M_R)
		pte |= PTE_R;
	if (flags & M_W)
		pte |= PTE_W;
	if (flags & M_X)
		pte |= PTE_X;
	if (flags & M_U)
		pte |= PTE_U;
	if (flags & M_G)
		pte |= PTE_G;
	return pte;
}

/* Leaf level: 2 = gigapage, 1 = megapage, 0 = 4 KiB page. */
static void set_leaf(uint64_t va, uint64_t pa, int leaf_level, uint64_t bits)
{
	uint64_t *table = root_table;
	for (int level = LEVELS - 1; level > leaf_level; level--) {
		uint64_t *e = &table[(va >> (12 + 9 * level)) & 511];
		if (!(*e & PTE_V))
			*e = (((uint64_t)(uintptr_t)alloc_table() >> 12) << 10) | PTE_V;
		table = (uint64_t *)(uintptr_t)((*e >> 10) << 12);
	}
	table[(va >> (12 + 9 * leaf_level)) & 511] = ((pa >> 12) << 10) | bits;
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

	root_table = alloc_table();
	for (unsigned i = 0; i < ARRAY_LEN(maps); i++)
		map_one(&maps[i]);
	mark_frames(maps, ARRAY_LEN(maps));

	uint64_t satp = (SATP_MODE << 60) | ((uint64_t)(uintptr_t)root_table >> 12);  /* ASID 0 */
	__asm__ volatile("sfence.vma\ncsrw satp, %0\nsfence.vma\n" :: "r"(satp) : "memory");

	report_header("riscv64", MODE, satp);
	report_maps(maps, ARRAY_LEN(maps));
	report_ready();
	spin_forever();
}
