#include "report.h"

#define MARK_MAGIC 0x43534d56u /* "VMSC" little endian */

void put_str(const char *s)
{
	while (*s) {
		if (*s == '\n')
			uart_putc('\r');
		uart_putc(*s++);
	}
}

/* Printed in two 32-bit halves so 32-bit targets need no libgcc shift helpers. */
void put_hex(uint64_t v)
{
	static const char digits[] = "0123456789abcdef";
	uint32_t half[2] = { (uint32_t)(v >> 32), (uint32_t)v };
	int started = 0;

	put_str("0x");
	for (int h = 0; h < 2; h++) {
		for (int shift = 28; shift >= 0; shift -= 4) {
			unsigned d = (half[h] >> shift) & 0xfu;
			if (d != 0 || started || (h == 1 && shift == 0)) {
				uart_putc(digits[d]);
				started = 1;
			}
		}
	}
}

void report_header(const char *arch, const char *mode, uint64_t root)
{
	put_str("VMSCOPE-GUEST arch=");
	put_str(arch);
	put_str(" mode=");
	put_str(mode);
	put_str(" root=");
	put_hex(root);
	put_str("\n");
}

void report_maps(const struct mapping *maps, unsigned count)
{
	for (unsigned i = 0; i < count; i++) {
		const struct mapping *m = &maps[i];
		char attrs[5] = {
			(m->flags & M_R) ? 'r' : '-',
			(m->flags & M_W) ? 'w' : '-',
			(m->flags & M_X) ? 'x' : '-',
			(m->flags & M_U) ? 'u' : '-',
			0
		};
		put_str("MAP va=");
		put_hex(m->va);
		put_str(" pa=");
		put_hex(m->pa);
		put_str(" size=");
		put_hex(m->size);
		put_str(" attrs=");
		put_str(attrs);
		if (m->flags & M_G)
			put_str(" g");
		put_str("\n");
	}
}

void report_ready(void)
{
	put_str("VMSCOPE-GUEST ready\n");
}

void mark_frames(const struct mapping *maps, unsigned count)
{
	for (unsigned i = 0; i < count; i++) {
		const struct mapping *m = &maps[i];
		if (m->flags & (M_SELF | M_DEV))
			continue;
		volatile uint32_t *p = (volatile uint32_t *)(uintptr_t)m->pa;
		p[0] = MARK_MAGIC;
		p[1] = (uint32_t)m->pa;
		p[2] = (uint32_t)(m->pa >> 32);
		p[3] = (uint32_t)m->size;
	}
}

void spin_forever(void)
{
	for (;;)
		__asm__ volatile("" ::: "memory");
}

void *memset(void *dst, int c, size_t n)
{
	volatile unsigned char *d = dst;
	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}

void *memcpy(void *dst, const void *src, size_t n)
{
	volatile unsigned char *d = dst;
	const unsigned char *s = src;
	while (n--)
		*d++ = *s++;
	return dst;
}
