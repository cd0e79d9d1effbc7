#include "hal/frames.h"
#include "include/errno.h"
#include "include/syspage.h"

#define FRAMES_MAX 64

extern syspage_t *syspage;

static struct {
	struct {
		addr_t start;
		size_t pageCount;
		u32 flags;
	} entries[FRAMES_MAX];
	size_t count;
} hal_frames;

void hal_framesReserve(addr_t start, size_t pages, u32 flags)
{
	if (hal_frames.count < FRAMES_MAX) {
		hal_frames.entries[hal_frames.count].start = start;
		hal_frames.entries[hal_frames.count].pageCount = pages;
		hal_frames.entries[hal_frames.count].flags = flags;
		hal_frames.count++;
	}
}

int hal_inProg(addr_t a)
{
	syspage_prog_t *prog = syspage->progs;

	if (prog == NULL)
		return 0;
	do {
		if (a >= prog->start && a < prog->end)
			return 1;
		prog = prog->next;
	} while (prog != syspage->progs);
	return 0;
}

int hal_framesGetPage(page_t *page, addr_t *addr, addr_t ramStart, addr_t ramEnd)
{
	addr_t a = *addr & ~(addr_t)(SIZE_PAGE - 1);

	if (a < ramStart)
		a = ramStart;
	if (a >= ramEnd)
		return -ENOMEM;

	page->addr = a;
	page->flags = PAGE_FREE;
	*addr = a + SIZE_PAGE;
	for (size_t i = 0; i < hal_frames.count; i++) {
		if (a >= hal_frames.entries[i].start && a - hal_frames.entries[i].start < hal_frames.entries[i].pageCount * SIZE_PAGE) {
			page->flags = (u8)hal_frames.entries[i].flags;
			return EOK;
		}
	}
	if (hal_inProg(a))
		page->flags = PAGE_OWNER_APP;
	return EOK;
}
