/* ia32 guest: 2-level non-PAE paging with 4 KiB pages and a 4 MiB PSE page. */
#include "../common/paging.h"

#define PG_P   0x001u
#define PG_RW  0x002u
#define PG_US  0x004u
#define PG_PS  0x080u
#define PG_G   0x100u

#define SZ_4K  0x1000u
#define SZ_4M  0x400000u
#define POOL_PAGES 8

#define COM1 0x3f8

extern char __image_start[], __image_end[];

static uint32_t pool[POOL_PAGES][1024] __attribute__((aligned(4096)));
static unsigned pool_used;

static inline void outb(uint16_t port, uint8_t v) { __asm__ volatile("outb %0, %1" :: "a"(v), "Nd"(port)); }
static inline uint8_t inb(uint16_t port) { uint8_t v; __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port)); return v; }

void uart_putc(char c)
{
	for (int i = 0; i < 100000 && !(inb(COM1 + 5) & 0x20); i++)
		;
	outb(COM1, (uint8_t)c);
}

/* Non-PAE has no NX: every page is executable, so every mapping carries M_X. */
static struct mapping maps[] = {
	{ 0, 0, 0, M_R | M_W | M_X | M_G | M_SELF },                 /* the image, identity */
	{ 0xc0000000u, 0x00400000u, SZ_4M, M_R | M_W | M_X | M_G },  /* 4 MiB PSE page */
	{ 0xc0400000u, 0x00c00000u, SZ_4M, M_R | M_X | M_U },        /* user read-only 4 MiB page */
	{ 0xd0000000u, 0x00800000u, SZ_4K, M_R | M_W | M_X | M_G },  /* kernel RW */
	{ 0xd0001000u, 0x00801000u, SZ_4K, M_R | M_X | M_G },        /* kernel RO */
	{ 0xd0002000u, 0x00802000u, SZ_4K, M_R | M_W | M_X | M_U },  /* user RW */
	{ 0xd0003000u, 0x00803000u, SZ_4K, M_R | M_X | M_U },        /* user RO */
	{ 0xe0000000u, 0x00800000u, SZ_4K, M_R | M_X | M_U },        /* alias of 0xd0000000, user RO */
	{ 0xe0005000u, 0x00804000u, 3 * SZ_4K, M_R | M_W | M_X },    /* 3 pages, contiguous PAs */
};

static uint32_t *page_dir;

static uint32_t *alloc_table(void)
{
	return take_table(pool, POOL_PAGES, sizeof(pool[0]), &pool_used);
}

static uint32_t leaf_bits(unsigned flags)
{
	uint32_t bits = PG_P;
	if (flags & M_W)
		bits |= PG_RW;
	if (flags & M_U)
		bits |= PG_US;
	if (flags & M_G)
		bits |= PG_G;
	return bits;
}

static void map_one(const struct mapping *m)
{
	if (m->size == SZ_4M && (m->va % SZ_4M) == 0 && (m->pa % SZ_4M) == 0) {
		page_dir[m->va >> 22] = (uint32_t)m->pa | leaf_bits(m->flags) | PG_PS;
		return;
	}
	for (uint32_t off = 0; off < m->size; off += SZ_4K) {
		uint32_t va = (uint32_t)m->va + off;
		uint32_t *pde = &page_dir[va >> 22];
		if (!(*pde & PG_P))
			*pde = (uint32_t)(uintptr_t)alloc_table() | PG_P | PG_RW | PG_US;
		uint32_t *pt = (uint32_t *)(uintptr_t)(*pde & ~0xfffu);
		pt[(va >> 12) & 0x3ff] = ((uint32_t)m->pa + off) | leaf_bits(m->flags);
	}
}

void guest_main(void)
{
	maps[0].va = maps[0].pa = (uintptr_t)__image_start;
	maps[0].size = (uintptr_t)__image_end - (uintptr_t)__image_start;

	page_dir = alloc_table();
	for (unsigned i = 0; i < ARRAY_LEN(maps); i++)
		map_one(&maps[i]);
	mark_frames(maps, ARRAY_LEN(maps));

	uint32_t root = (uint32_t)(uintptr_t)page_dir;
	__asm__ volatile(
		"mov %0, %%cr3\n"
		"mov %%cr4, %%eax\n"
		"or $0x90, %%eax\n"          /* PSE | PGE */
		"mov %%eax, %%cr4\n"
		"mov %%cr0, %%eax\n"
		"or $0x80010000, %%eax\n"    /* PG | WP */
		"mov %%eax, %%cr0\n"
		"jmp 1f\n1:\n"
		:: "r"(root) : "eax", "memory");

	report_header("ia32", "2level", root);
	report_maps(maps, ARRAY_LEN(maps));
	report_ready();
	spin_forever();
}
