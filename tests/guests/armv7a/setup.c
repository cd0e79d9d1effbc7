/* ARMv7-A guest: short-descriptor tables, TTBCR.N=1 (TTBR0 below 2 GiB, TTBR1 above),
 * sections, a supersection, small pages, a 64 KiB large page, XN, read-only, user. */
#include "../common/paging.h"

#define SZ_4K  0x1000u
#define SZ_64K 0x10000u
#define SZ_1M  0x100000u
#define SZ_16M 0x1000000u
#define L2_POOL 8

#define UART0 0x09000000u  /* PL011 */

/* Memory types (TEX[0] C B): normal write-back, or shareable device. */
#define MEM_NORMAL 1
#define MEM_DEVICE 0

extern char __image_start[], __image_end[];

/* TTBCR.N=1: the TTBR0 table has 2048 entries and 8 KiB alignment; TTBR1 a full 16 KiB table. */
static uint32_t ttbr0_table[2048] __attribute__((aligned(8192)));
static uint32_t ttbr1_table[4096] __attribute__((aligned(16384)));
static uint32_t l2_pool[L2_POOL][256] __attribute__((aligned(1024)));
static unsigned l2_used;

void uart_putc(char c)
{
	volatile uint32_t *uart = (volatile uint32_t *)UART0;
	for (int i = 0; i < 100000 && (uart[0x18 / 4] & (1u << 5)); i++)  /* FR.TXFF */
		;
	uart[0] = (uint8_t)c;
}

static struct mapping maps[] = {
	{ 0x40100000u, 0x40100000u, SZ_1M, M_R | M_W | M_X | M_G | M_SELF },  /* the image, identity section */
	{ UART0, UART0, SZ_1M, M_R | M_W | M_G | M_DEV },                     /* PL011, identity section, XN */
	{ 0x10000000u, 0x40300000u, SZ_4K, M_R | M_W | M_U },                 /* TTBR0 user RW small page, XN */
	{ 0x10001000u, 0x40301000u, SZ_4K, M_R | M_X | M_U },                 /* TTBR0 user RO exec small page */
	{ 0xc0000000u, 0x41000000u, SZ_16M, M_R | M_W | M_X | M_G },          /* TTBR1 supersection */
	{ 0xe0000000u, 0x40400000u, SZ_1M, M_R | M_W | M_G },                 /* TTBR1 section, XN */
	{ 0xe0100000u, 0x40500000u, SZ_1M, M_R | M_U | M_G },                 /* TTBR1 user RO section, XN */
	{ 0xf0000000u, 0x40600000u, SZ_4K, M_R | M_W | M_G },                 /* kernel RW small page, XN */
	{ 0xf0001000u, 0x40601000u, SZ_4K, M_R | M_X | M_G },                 /* kernel RO exec small page */
	{ 0xf0002000u, 0x40600000u, SZ_4K, M_R | M_G },                       /* alias of 0xf0000000, RO */
	{ 0xf0010000u, 0x40610000u, SZ_64K, M_R | M_W | M_X | M_G },          /* 64 KiB large page */
	{ 0xf0020000u, 0x40620000u, SZ_64K, M_R | M_U },                      /* user RO large page, XN */
};

static uint32_t *alloc_l2(void)
{
	return take_table(l2_pool, L2_POOL, sizeof(l2_pool[0]), &l2_used);
}

/* AP[2] and AP[1:0] from rights (SCTLR.AFE=0):
 * kernel RW 0/01, user RW 0/11, kernel RO 1/01, user RO 1/11. */
static unsigned ap2(unsigned flags) { return (flags & M_W) ? 0 : 1; }
static unsigned ap10(unsigned flags) { return (flags & M_U) ? 3 : 1; }

static uint32_t section_bits(unsigned flags)
{
	uint32_t d = 0x2;                                 /* section/supersection */
	if (flags & M_DEV)
		d |= 1u << 2;                             /* B: shareable device */
	else
		d |= (1u << 12) | (1u << 3) | (1u << 2);  /* TEX=001 C B: write-back */
	if (!(flags & M_X))
		d |= 1u << 4;                             /* XN */
	d |= ap10(flags) << 10 | ap2(flags) << 15;
	if (!(flags & M_G))
		d |= 1u << 17;                            /* nG */
	return d;                                         /* domain 0 */
}

static uint32_t *l1_entry(uint32_t va)
{
	return (va & 0x80000000u) ? &ttbr1_table[va >> 20] : &ttbr0_table[va >> 20];
}

static uint32_t *l2_table_for(uint32_t va)
{
	uint32_t *e = l1_entry(va);
	if ((*e & 3) != 1)
		*e = (uint32_t)(uintptr_t)alloc_l2() | 0x1;  /* page table, domain 0 */
	return (uint32_t *)(uintptr_t)(*e & ~0x3ffu);
}

static void map_small(uint32_t va, uint32_t pa, unsigned flags)
{
	uint32_t d = pa | 0x2 | (1u << 6) | (1u << 3) | (1u << 2);  /* small page, TEX=001 C B */
	if (!(flags & M_X))
		d |= 1u;                                            /* XN */
	d |= ap10(flags) << 4 | ap2(flags) << 9;
	if (!(flags & M_G))
		d |= 1u << 11;
	l2_table_for(va)[(va >> 12) & 0xff] = d;
}

static void map_large(uint32_t va, uint32_t pa, unsigned flags)
{
	uint32_t d = pa | 0x1 | (1u << 12) | (1u << 3) | (1u << 2);  /* large page, TEX=001 C B */
	if (!(flags & M_X))
		d |= 1u << 15;
	d |= ap10(flags) << 4 | ap2(flags) << 9;
	if (!(flags & M_G))
		d |= 1u << 11;
	uint32_t *l2 = l2_table_for(va);
	for (unsigned i = 0; i < 16; i++)  /* a large page is repeated in 16 entries */
		l2[((va >> 12) & 0xf0) + i] = d;
}

static void map_one(const struct mapping *m)
{
	uint32_t va = (uint32_t)m->va, pa = (uint32_t)m->pa, size = (uint32_t)m->size;
	if (size == SZ_16M && !(va % SZ_16M) && !(pa % SZ_16M)) {
		uint32_t d = pa | section_bits(m->flags) | (1u << 18);
		for (unsigned i = 0; i < 16; i++)  /* a supersection is repeated in 16 entries */
			l1_entry(va)[i] = d;
	} else if (!(size % SZ_1M) && !(va % SZ_1M) && !(pa % SZ_1M)) {
		for (uint32_t off = 0; off < size; off += SZ_1M)
			*l1_entry(va + off) = (pa + off) | section_bits(m->flags);
	} else if (size == SZ_64K && !(va % SZ_64K) && !(pa % SZ_64K)) {
		map_large(va, pa, m->flags);
	} else {
		for (uint32_t off = 0; off < size; off += SZ_4K)
			map_small(va + off, pa + off, m->flags);
	}
}

void guest_main(void)
{
	for (unsigned i = 0; i < ARRAY_LEN(maps); i++)
		map_one(&maps[i]);
	mark_frames(maps, ARRAY_LEN(maps));

	uint32_t ttbr0 = (uint32_t)(uintptr_t)ttbr0_table;
	uint32_t ttbr1 = (uint32_t)(uintptr_t)ttbr1_table;
	uint32_t sctlr;
	__asm__ volatile(
		"mcr p15, 0, %2, c3, c0, 0\n"   /* DACR: all domains client */
		"mcr p15, 0, %3, c2, c0, 2\n"   /* TTBCR: N=1 */
		"mcr p15, 0, %0, c2, c0, 0\n"   /* TTBR0 */
		"mcr p15, 0, %1, c2, c0, 1\n"   /* TTBR1 */
		"mcr p15, 0, %3, c13, c0, 1\n"  /* CONTEXTIDR: ASID 1 for the nG pages */
		"dsb\n"
		"mcr p15, 0, %4, c8, c7, 0\n"   /* TLBIALL */
		"dsb\n"
		"isb\n"
		:: "r"(ttbr0), "r"(ttbr1), "r"(0x55555555u), "r"(1u), "r"(0u) : "memory");
	__asm__ volatile("mrc p15, 0, %0, c1, c0, 0" : "=r"(sctlr));
	sctlr &= ~((1u << 29) | (1u << 28));  /* AFE=0, TRE=0: AP[0] is a permission bit */
	sctlr |= 1u;                          /* M */
	__asm__ volatile("mcr p15, 0, %0, c1, c0, 0\nisb\n" :: "r"(sctlr) : "memory");

	report_header("armv7a", "short", ttbr0);
	report_maps(maps, ARRAY_LEN(maps));
	report_ready();
	spin_forever();
}
