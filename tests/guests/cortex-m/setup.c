/* Cortex-M3 guest (mps2-an385): no MMU; programs ARMv7-M MPU regions, including
 * subregion disables, an overlap and a no-access region, and enables the MPU with the privileged default map. */
#include "../common/report.h"

#define UART0_BASE  0x40004000u  /* CMSDK APB UART */
#define UART_DATA   (*(volatile uint32_t *)(UART0_BASE + 0x00))
#define UART_STATE  (*(volatile uint32_t *)(UART0_BASE + 0x04))
#define UART_CTRL   (*(volatile uint32_t *)(UART0_BASE + 0x08))
#define UART_BAUD   (*(volatile uint32_t *)(UART0_BASE + 0x10))

#define MPU_TYPE (*(volatile uint32_t *)0xe000ed90u)
#define MPU_CTRL (*(volatile uint32_t *)0xe000ed94u)
#define MPU_RNR  (*(volatile uint32_t *)0xe000ed98u)
#define MPU_RBAR (*(volatile uint32_t *)0xe000ed9cu)
#define MPU_RASR (*(volatile uint32_t *)0xe000eda0u)

#define CTRL_ENABLE     (1u << 0)
#define CTRL_PRIVDEFENA (1u << 2)

struct region {
	uint32_t base;
	uint32_t size;   /* power of two, >= 32; subregions need >= 256 */
	unsigned flags;  /* M_R M_W M_X M_U (M_DEV: device memory type) */
	uint8_t srd;     /* subregion disable bits */
};

/* Region n is programmed into MPU slot n; higher slots win where regions overlap. */
static const struct region regions[] = {
	{ 0x00000000u, 0x00400000u, M_R | M_W | M_X, 0x00 },  /* SSRAM1: code, data, stack */
	{ 0x20000000u, 0x00100000u, M_R | M_W, 0x00 },        /* SSRAM2 first MiB, XN */
	{ 0x20100000u, 0x00010000u, M_R | M_W | M_U, 0x81 },  /* user RW, subregions 0 and 7 off */
	{ 0x20200000u, 0x00001000u, M_R | M_U, 0xf0 },        /* user RO, upper half off */
	{ 0x40000000u, 0x00010000u, M_R | M_W | M_DEV, 0x00 },/* APB peripherals incl. UART0, XN */
	{ 0x20000400u, 0x00000020u, M_R | M_X | M_U, 0x00 },  /* 32-byte overlap inside region 1 */
	{ 0x20300000u, 0x00000800u, 0, 0x0f },                /* no access; subregions 0-3 fall through */
};

void uart_putc(char c)
{
	for (int i = 0; i < 100000 && (UART_STATE & 1u); i++)  /* TX buffer full */
		;
	UART_DATA = (uint8_t)c;
}

/* AP: none 000, kernel RW 001, kernel RW + user RO 010 (unused), all RW 011, kernel RO 101,
 * all RO 110. */
static uint32_t ap_bits(unsigned flags)
{
	if (!(flags & (M_R | M_W)))
		return 0u;
	if (flags & M_U)
		return (flags & M_W) ? 3u : 6u;
	return (flags & M_W) ? 1u : 5u;
}

static uint32_t rasr_of(const struct region *r)
{
	uint32_t log2 = 0;
	while ((1u << log2) < r->size && log2 < 31)
		log2++;
	uint32_t rasr = 1u                      /* ENABLE */
		| (log2 - 1) << 1               /* SIZE: 2^(SIZE+1) bytes */
		| (uint32_t)r->srd << 8
		| ap_bits(r->flags) << 24;
	if (r->flags & M_DEV)
		rasr |= 1u << 16;               /* B: shareable device (TEX=000 C=0 B=1) */
	else
		rasr |= (1u << 17) | (1u << 16);  /* C B: normal write-back */
	if (!(r->flags & M_X))
		rasr |= 1u << 28;               /* XN */
	return rasr;
}

static void report_region(unsigned n, const struct region *r)
{
	char attrs[5] = {
		(r->flags & M_R) ? 'r' : '-',
		(r->flags & M_W) ? 'w' : '-',
		(r->flags & M_X) ? 'x' : '-',
		(r->flags & M_U) ? 'u' : '-',
		0
	};
	put_str("REGION n=");
	uart_putc((char)('0' + n));
	put_str(" base=");
	put_hex(r->base);
	put_str(" size=");
	put_hex(r->size);
	put_str(" attrs=");
	put_str(attrs);
	put_str(" srd=");
	put_hex(r->srd);
	put_str("\n");
}

void guest_main(void)
{
	UART_BAUD = 16;
	UART_CTRL = 1u;  /* TX enable */

	unsigned slots = (MPU_TYPE >> 8) & 0xffu;
	if (slots < ARRAY_LEN(regions)) {
		put_str("VMSCOPE-GUEST error: MPU has too few regions\n");
		spin_forever();
	}
	MPU_CTRL = 0;
	for (unsigned n = 0; n < slots; n++) {
		MPU_RNR = n;
		MPU_RASR = 0;
		if (n < ARRAY_LEN(regions)) {
			MPU_RBAR = regions[n].base;
			MPU_RASR = rasr_of(&regions[n]);
		}
	}
	MPU_RNR = ARRAY_LEN(regions) - 1;  /* leave the last region visible in RBAR/RASR */
	MPU_CTRL = CTRL_ENABLE | CTRL_PRIVDEFENA;
	__asm__ volatile("dsb\nisb\n" ::: "memory");

	report_header("cortex-m", "mpu", MPU_CTRL);
	for (unsigned n = 0; n < ARRAY_LEN(regions); n++)
		report_region(n, &regions[n]);
	report_ready();
	spin_forever();
}
