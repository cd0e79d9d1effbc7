/* SPARC LEON3 guest: SPARC V8 Reference MMU tables (a context table, L1 16 MiB, L2 256 KiB, L3 4 KiB
 * entries, all big-endian), context 1, with 16 MiB and 256 KiB large pages, 4 KiB pages,
 * supervisor-only and user pages, read-only and executable rights, and an alias.
 * The MMU registers (control, context table pointer, context) are only reachable with lda/sta
 * ASI 0x19, not through gdb, so the guest prints its own root: the physical address of its
 * context-table entry (context table + 4 x context). */
#include "../common/paging.h"

#define SZ_4K   0x1000u
#define SZ_256K 0x40000u
#define SZ_16M  0x1000000u
#define L2_POOL 4
#define L3_POOL 4
#define CONTEXT 1u

#define APBUART 0x80000100u  /* GRLIB APBUART: data at +0, status at +4 */
#define ASI_MMUREGS 0x19

/* SRMMU descriptors: ET in bits 1:0, a PTD holds PA[35:6] in 31:2, a PTE PA[35:12] in 31:8,
 * C in bit 7 and ACC in 4:2. */
#define ET_PTD 1u
#define ET_PTE 2u
#define PTE_C  0x80u

/* ACC values (SPARC V8 manual, table H-3): user rights / supervisor rights. */
#define ACC_USER_R     0u  /* r   / r   */
#define ACC_USER_RW    1u  /* rw  / rw  */
#define ACC_USER_RX    2u  /* rx  / rx  */
#define ACC_USER_R_SRW 5u  /* r   / rw  */
#define ACC_SUPER_RX   6u  /* -   / rx  */
#define ACC_SUPER_RWX  7u  /* -   / rwx */

static uint32_t context_table[256] __attribute__((aligned(1024)));
static uint32_t l1_table[256] __attribute__((aligned(1024)));
static uint32_t l2_pool[L2_POOL][64] __attribute__((aligned(256)));
static uint32_t l3_pool[L3_POOL][64] __attribute__((aligned(256)));
static unsigned l2_used, l3_used;

void uart_putc(char c)
{
	volatile uint32_t *uart = (volatile uint32_t *)APBUART;
	for (int i = 0; i < 100000 && !(uart[1] & (1u << 2)); i++)  /* status.TE: transmitter empty */
		;
	uart[0] = (uint8_t)c;
}

static struct mapping maps[] = {
	{ 0x40000000u, 0x40000000u, SZ_16M, M_R | M_W | M_X | M_SELF },  /* the image, identity 16 MiB page */
	{ 0x80000000u, 0x80000000u, SZ_256K, M_R | M_W | M_X | M_DEV },  /* APB (UART), identity 256 KiB page */
	{ 0x10000000u, 0x40400000u, SZ_4K, M_R | M_W | M_U },            /* user RW page */
	{ 0x10001000u, 0x40401000u, SZ_4K, M_R | M_U },                  /* user RO page (supervisor RW) */
	{ 0x10002000u, 0x40402000u, SZ_4K, M_R | M_X | M_U },            /* user RX page */
	{ 0x10003000u, 0x40400000u, SZ_4K, M_R | M_U },                  /* alias of 0x10000000, user RO */
	{ 0xc0000000u, 0x41000000u, SZ_16M, M_R | M_W | M_X },           /* supervisor 16 MiB page */
	{ 0xe0000000u, 0x40800000u, SZ_256K, M_R | M_X },                /* supervisor RX 256 KiB page */
	{ 0xe0040000u, 0x40840000u, SZ_256K, M_R | M_W | M_U },          /* user RW 256 KiB page */
	{ 0xf0000000u, 0x40600000u, SZ_4K, M_R | M_W | M_X },            /* supervisor RWX page */
	{ 0xf0001000u, 0x40601000u, SZ_4K, M_R | M_X },                  /* supervisor RX page */
};

/* The ACC of each mapping above: supervisor-only pages exist only as RX and RWX, and a user
 * read-only page is either writable by the supervisor (ACC 5) or by nobody (ACC 0). */
static const uint8_t accs[ARRAY_LEN(maps)] = {
	ACC_SUPER_RWX, ACC_SUPER_RWX, ACC_USER_RW, ACC_USER_R_SRW, ACC_USER_RX, ACC_USER_R,
	ACC_SUPER_RWX, ACC_SUPER_RX, ACC_USER_RW, ACC_SUPER_RWX, ACC_SUPER_RX,
};

static uint32_t pte(uint32_t pa, unsigned flags, uint32_t acc)
{
	return (pa >> 12) << 8 | ((flags & M_DEV) ? 0 : PTE_C) | acc << 2 | ET_PTE;
}

static uint32_t ptd(const void *table)
{
	return ((uint32_t)(uintptr_t)table >> 6) << 2 | ET_PTD;
}

static uint32_t *next_table(uint32_t *entry, void *pool, unsigned tables, unsigned *used)
{
	if ((*entry & 3) != ET_PTD)
		*entry = ptd(take_table(pool, tables, 64 * sizeof(uint32_t), used));
	return (uint32_t *)(uintptr_t)((*entry >> 2) << 6);
}

static void map_one(const struct mapping *m, uint32_t acc)
{
	uint32_t va = (uint32_t)m->va, pa = (uint32_t)m->pa, size = (uint32_t)m->size;
	if (size == SZ_16M) {
		l1_table[va >> 24] = pte(pa, m->flags, acc);
		return;
	}
	uint32_t *l2 = next_table(&l1_table[va >> 24], l2_pool, L2_POOL, &l2_used);
	if (size == SZ_256K) {
		l2[(va >> 18) & 63] = pte(pa, m->flags, acc);
		return;
	}
	for (uint32_t off = 0; off < size; off += SZ_4K) {
		uint32_t *l3 = next_table(&l2[((va + off) >> 18) & 63], l3_pool, L3_POOL, &l3_used);
		l3[((va + off) >> 12) & 63] = pte(pa + off, m->flags, acc);
	}
}

static void mmu_write(uint32_t reg, uint32_t value)
{
	__asm__ volatile("sta %0, [%1] %2" :: "r"(value), "r"(reg), "i"(ASI_MMUREGS) : "memory");
}

static uint32_t mmu_read(uint32_t reg)
{
	uint32_t v;
	__asm__ volatile("lda [%1] %2, %0" : "=r"(v) : "r"(reg), "i"(ASI_MMUREGS));
	return v;
}

void guest_main(void)
{
	for (unsigned i = 0; i < ARRAY_LEN(maps); i++)
		map_one(&maps[i], accs[i]);
	mark_frames(maps, ARRAY_LEN(maps));
	context_table[CONTEXT] = ptd(l1_table);

	uint32_t ctx_table = (uint32_t)(uintptr_t)context_table;
	mmu_write(0x100, (ctx_table >> 6) << 2);  /* context table pointer: PA[35:6] in bits 31:2 */
	mmu_write(0x200, CONTEXT);                /* context register */
	mmu_write(0x000, mmu_read(0x000) | 1u);   /* control register: E (enable) */

	report_header("sparc", "srmmu", ctx_table + 4u * CONTEXT);
	report_maps(maps, ARRAY_LEN(maps));
	report_ready();
	spin_forever();
}
