#include "psh/mem.h"
#include "vm/vm.h"
#include "lib/lib.h"

#define MAX_ENTRIES 128
#define MAX_RUNS    512

static entryinfo_t mem_entries[MAX_ENTRIES];
static pageinfo_t mem_runs[MAX_RUNS];

static void mem_query(meminfo_t *info, int pid, int pages, int kernel)
{
	hal_memset(info, 0, sizeof(*info));
	info->page.mapsz = pages ? MAX_RUNS : -1;
	info->page.map = pages ? mem_runs : NULL;
	info->entry.pid = (unsigned int)pid;
	info->entry.mapsz = (!kernel && pid >= 0) ? MAX_ENTRIES : -1;
	info->entry.map = mem_entries;
	info->entry.kmapsz = kernel ? MAX_ENTRIES : -1;
	info->entry.kmap = mem_entries;
	info->maps.mapsz = -1;
	vm_meminfo(info);
}

void psh_memSummary(void)
{
	meminfo_t info;

	mem_query(&info, -1, 0, 0);
	lib_printf("(%d+%d)/%dKB %d/%d entries\n", (int)((info.page.alloc - info.page.boot) / 1024),
		(int)(info.page.boot / 1024), (int)((info.page.alloc + info.page.free) / 1024),
		(int)(info.entry.total - info.entry.free), (int)info.entry.total);
}

static void mem_row(const entryinfo_t *e)
{
	char prot[4], flags[5];

	prot[0] = (e->prot & PROT_READ) ? 'r' : '-';
	prot[1] = (e->prot & PROT_WRITE) ? 'w' : '-';
	prot[2] = (e->prot & PROT_EXEC) ? 'x' : '-';
	prot[3] = '\0';
	flags[0] = (e->flags & MAP_NEEDSCOPY) ? 'C' : ' ';
	flags[1] = (MAP_PRIVATE != 0 && (e->flags & MAP_PRIVATE)) ? 'P' : ' ';
	flags[2] = (e->flags & MAP_FIXED) ? 'F' : ' ';
	flags[3] = (e->flags & MAP_ANONYMOUS) ? 'A' : ' ';
	flags[4] = '\0';

	lib_printf("%p:%p  %-4s  %-5s", e->vaddr, (char *)e->vaddr + e->size - 1, prot, flags);
	if (e->offs != (unsigned long long)-1)
		lib_printf("  %16llx", e->offs);
	else
		lib_printf("  %16s", "");

	if (e->object == OBJECT_ANONYMOUS)
		lib_printf("  (anonymous)");
	else if (e->object == OBJECT_MEMORY)
		lib_printf("  mem");
	else
		lib_printf("  %d.%llu", (int)e->oid.port, (unsigned long long)e->oid.id);
	if (e->object != OBJECT_ANONYMOUS && e->anonsz != ~(size_t)0)
		lib_printf("/(%zuKB)", e->anonsz / 1024);
	lib_printf("\n");
}

void psh_memMap(int pid)
{
	meminfo_t info;
	int n;

	mem_query(&info, pid, 0, pid < 0);
	n = (pid < 0) ? info.entry.kmapsz : info.entry.mapsz;
	if (n < 0) {
		lib_printf("mem: process with pid %d not found\n", pid);
		return;
	}
	lib_printf("%-*s  PROT  FLAGS  %16s  OBJECT\n", (int)sizeof(void *) * 4 + 1, "SEGMENT", "OFFSET");
	if (n > MAX_ENTRIES)
		n = MAX_ENTRIES;
	/* psh walks the array backwards: highest address first. */
	for (int i = n - 1; i >= 0; i--)
		mem_row(&mem_entries[i]);
}

void psh_memPages(void)
{
	meminfo_t info;
	int n;

	mem_query(&info, -1, 1, 0);
	n = info.page.mapsz;
	if (n < 0) {
		lib_printf("mem: Page view unavailable\n");
		return;
	}
	if (n > MAX_RUNS)
		n = MAX_RUNS;
	for (int i = 0; i < n; i++) {
		const pageinfo_t *r = &mem_runs[i];
		if (i > 0) {
			const pageinfo_t *q = &mem_runs[i - 1];
			unsigned int gap = (unsigned int)((r->addr - q->addr) / SIZE_PAGE) - q->count;
			if (gap > 3)
				lib_printf("[%ux]", gap);
			else
				for (unsigned int k = 0; k < gap; k++)
					lib_printf("x");
		}
		if (r->count > 3)
			lib_printf("[%u%c]", r->count, r->marker);
		else
			for (unsigned int k = 0; k < r->count; k++)
				lib_printf("%c", r->marker);
	}
	lib_printf("\n");
}
