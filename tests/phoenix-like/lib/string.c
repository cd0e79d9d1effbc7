#include "lib/lib.h"

/* volatile: keeps gcc from turning these loops back into calls to themselves. */
void *hal_memset(void *dst, int c, size_t n)
{
	volatile u8 *d = dst;
	while (n-- > 0)
		*d++ = (u8)c;
	return dst;
}

void *hal_memcpy(void *dst, const void *src, size_t n)
{
	volatile u8 *d = dst;
	const u8 *s = src;
	while (n-- > 0)
		*d++ = *s++;
	return dst;
}

size_t hal_strlen(const char *s)
{
	size_t n = 0;
	while (s[n] != '\0')
		n++;
	return n;
}

/* gcc may still emit calls to these for struct copies. */
void *memset(void *dst, int c, size_t n)
{
	return hal_memset(dst, c, n);
}

void *memcpy(void *dst, const void *src, size_t n)
{
	return hal_memcpy(dst, src, n);
}
