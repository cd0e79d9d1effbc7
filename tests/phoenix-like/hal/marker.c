/* The mem -p marker of a page, identical on every MMU architecture (phoenix-vm.md §2.2). */
#include "hal/pmap.h"

char pmap_marker(page_t *p)
{
	static const char *const marksets[4] = {
		"BBBBBBBBBBBBBBBB",
		"KYCPMSHKKKKKKKKK",
		"AAAAAAAAAAAAAAAA",
		"UUUUUUUUUUUUUUUU"
	};

	if (p->flags & PAGE_FREE)
		return '.';
	return marksets[(p->flags >> 1) & 3][(p->flags >> 4) & 0xf];
}
