/* Flattened device tree walk (structure block tokens), enough for the memory node. */
#include "hal/fdt.h"

#define FDT_BEGIN_NODE 1
#define FDT_END_NODE   2
#define FDT_PROP       3
#define FDT_NOP        4

u32 fdt32(const u8 *p)
{
	return ((u32)p[0] << 24) | ((u32)p[1] << 16) | ((u32)p[2] << 8) | p[3];
}

static int fdt_prefix(const char *s, const char *prefix)
{
	while (*prefix != '\0')
		if (*s++ != *prefix++)
			return 0;
	return 1;
}

int fdt_memory(const u8 *fdt, u64 *start, u64 *end)
{
	const u8 *st = fdt + fdt32(fdt + 8), *strings = fdt + fdt32(fdt + 12);
	const u8 *p = st, *limit = fdt + fdt32(fdt + 4);
	int inMemory = 0, depth = 0, memDepth = -1;

	while (p + 4 <= limit) {
		u32 tag = fdt32(p);
		p += 4;
		if (tag == FDT_BEGIN_NODE) {
			const char *name = (const char *)p;
			depth++;
			if (fdt_prefix(name, "memory")) {
				inMemory = 1;
				memDepth = depth;
			}
			while (*p != '\0')
				p++;
			p = (const u8 *)(((ptr_t)p + 4) & ~(ptr_t)3);
		}
		else if (tag == FDT_END_NODE) {
			if (depth == memDepth)
				inMemory = 0;
			depth--;
		}
		else if (tag == FDT_PROP) {
			u32 len = fdt32(p), nameoff = fdt32(p + 4);
			const u8 *val = p + 8;
			if (inMemory && fdt_prefix((const char *)strings + nameoff, "reg") && len >= 16) {
				*start = ((u64)fdt32(val) << 32) | fdt32(val + 4);
				*end = *start + (((u64)fdt32(val + 8) << 32) | fdt32(val + 12));
				return 0;
			}
			p = val + ((len + 3) & ~3u);
		}
		else if (tag == FDT_NOP) {
			continue;
		}
		else {
			break;
		}
	}
	return -1;
}
