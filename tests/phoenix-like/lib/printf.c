/* A small printf: %c %s %d %u %x %p with l/ll/z, '-', '0' and a width. 64-bit decimal
 * conversion uses shift-and-subtract so 32-bit builds need no libgcc. */
#include <stdarg.h>
#include "lib/lib.h"
#include "hal/console.h"

static void out_char(char c)
{
	if (c == '\n')
		hal_consolePutch('\r');
	hal_consolePutch(c);
}

static u64 divmod10(u64 v, unsigned *rem)
{
	u64 q = 0, r = 0;

	for (int bit = 63; bit >= 0; bit--) {
		r = (r << 1) | ((v >> bit) & 1);
		if (r >= 10) {
			r -= 10;
			q |= 1ull << bit;
		}
	}
	*rem = (unsigned)r;
	return q;
}

static int format_num(char *buf, u64 v, int base)
{
	static const char digits[] = "0123456789abcdef";
	char tmp[24];
	int n = 0, len = 0;
	unsigned r;

	do {
		if (base == 16) {
			tmp[n++] = digits[v & 0xf];
			v >>= 4;
		}
		else {
			v = divmod10(v, &r);
			tmp[n++] = digits[r];
		}
	} while (v != 0);
	while (n > 0)
		buf[len++] = tmp[--n];
	return len;
}

static void out_field(const char *s, int len, int width, int left, char pad)
{
	int fill = width > len ? width - len : 0;

	if (!left)
		while (fill-- > 0)
			out_char(pad);
	for (int i = 0; i < len; i++)
		out_char(s[i]);
	if (left)
		while (fill-- > 0)
			out_char(' ');
}

void lib_printf(const char *fmt, ...)
{
	va_list ap;
	char buf[32];

	va_start(ap, fmt);
	for (; *fmt != '\0'; fmt++) {
		if (*fmt != '%') {
			out_char(*fmt);
			continue;
		}
		fmt++;
		int left = 0, width = 0, lng = 0;
		char pad = ' ';
		if (*fmt == '-') {
			left = 1;
			fmt++;
		}
		if (*fmt == '0') {
			pad = '0';
			fmt++;
		}
		if (*fmt == '*') {
			width = va_arg(ap, int);
			fmt++;
		}
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		while (*fmt == 'l' || *fmt == 'z') {
			lng += (*fmt == 'z') ? (sizeof(size_t) == 8 ? 2 : 1) : 1;
			fmt++;
		}

		u64 v;
		int neg = 0, len;
		switch (*fmt) {
			case 'c':
				buf[0] = (char)va_arg(ap, int);
				out_field(buf, 1, width, left, ' ');
				break;
			case 's': {
				const char *s = va_arg(ap, const char *);
				out_field(s, (int)hal_strlen(s), width, left, ' ');
				break;
			}
			case 'd': {
				s64 sv = (lng >= 2) ? va_arg(ap, long long) : (lng == 1 ? va_arg(ap, long) : va_arg(ap, int));
				neg = sv < 0;
				v = neg ? (u64)(-sv) : (u64)sv;
				buf[0] = '-';
				len = neg + format_num(buf + neg, v, 10);
				out_field(buf, len, width, left, pad);
				break;
			}
			case 'u':
			case 'x':
				v = (lng >= 2) ? va_arg(ap, unsigned long long) : (lng == 1 ? va_arg(ap, unsigned long) : va_arg(ap, unsigned int));
				len = format_num(buf, v, *fmt == 'x' ? 16 : 10);
				out_field(buf, len, width, left, pad);
				break;
			case 'p':
				/* Phoenix libc: zero-padded to the pointer width, no 0x. */
				v = (u64)(ptr_t)va_arg(ap, void *);
				len = format_num(buf, v, 16);
				out_field(buf, len, (int)sizeof(void *) * 2, 0, '0');
				break;
			case '%':
				out_char('%');
				break;
			default:
				out_char('?');
				break;
		}
	}
	va_end(ap);
}

void lib_panic(const char *msg)
{
	lib_printf("PHOENIX-LIKE panic: %s\n", msg);
	for (;;)
		__asm__ volatile("" ::: "memory");
}
