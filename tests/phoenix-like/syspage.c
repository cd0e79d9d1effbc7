/* The loader hand-over page. It lives in its own page-aligned section so the page array
 * marks its frame as KERNEL|SYSPAGE (Y). */
#include "syspage.h"
#include "hal/pmap.h"
#include "lib/lib.h"

#define PROG_MAGIC 0x474f5250u /* "PROG" */

syspage_t *syspage;

static struct {
	syspage_t sp;
	syspage_map_t map;
	syspage_prog_t prog;
	u8 imaps[1];
	u8 dmaps[1];
	char argv[16];
	char mapname[8];
} syspage_store __attribute__((section(".syspage"), aligned(SIZE_PAGE)));

static void syspage_copy(char *dst, const char *src, size_t n)
{
	size_t i;
	for (i = 0; i + 1 < n && src[i] != '\0'; i++)
		dst[i] = src[i];
	dst[i] = '\0';
}

void syspage_init(addr_t pkernel, addr_t ramStart, addr_t ramEnd, addr_t progBase, size_t progSize)
{
	syspage_t *sp = &syspage_store.sp;

	syspage_copy(syspage_store.argv, "/sbin/init", sizeof(syspage_store.argv));
	syspage_copy(syspage_store.mapname, "ddr", sizeof(syspage_store.mapname));

	syspage_store.map.next = &syspage_store.map;
	syspage_store.map.prev = &syspage_store.map;
	syspage_store.map.entries = NULL;
	syspage_store.map.start = ramStart;
	syspage_store.map.end = ramEnd;
	syspage_store.map.attr = mAttrRead | mAttrWrite | mAttrExec | mAttrCacheable | mAttrBufferable;
	syspage_store.map.id = 0;
	syspage_store.map.name = syspage_store.mapname;

	syspage_store.imaps[0] = 0;
	syspage_store.dmaps[0] = 0;
	syspage_store.prog.next = &syspage_store.prog;
	syspage_store.prog.prev = &syspage_store.prog;
	syspage_store.prog.start = progBase;
	syspage_store.prog.end = progBase + progSize;
	syspage_store.prog.argv = syspage_store.argv;
	syspage_store.prog.imapSz = 1;
	syspage_store.prog.imaps = syspage_store.imaps;
	syspage_store.prog.dmapSz = 1;
	syspage_store.prog.dmaps = syspage_store.dmaps;

	sp->size = sizeof(syspage_store);
	sp->pkernel = pkernel;
	sp->maps = &syspage_store.map;
	sp->progs = &syspage_store.prog;
	sp->console = 0;
	syspage = sp;
}

void syspage_loadProgs(void)
{
	syspage_prog_t *prog = syspage->progs;

	for (addr_t a = prog->start; a < prog->end; a += SIZE_PAGE) {
		u32 *w = pmap_scratchMap(1, a);
		hal_memset(w, 0, SIZE_PAGE);
		w[0] = PROG_MAGIC;
		w[1] = (u32)(a - prog->start);
	}
}
