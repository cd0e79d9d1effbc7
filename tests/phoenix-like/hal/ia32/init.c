/* ia32 platform state: hal_config (frame classification, scratch slot) and the COM1 console. */
#include "hal/hal.h"
#include "hal/console.h"
#include "hal/pmap.h"

#define COM1 0x3f8

#include "config.h"

hal_config_t hal_config;

static inline void outb(u16 port, u8 v)
{
	__asm__ volatile("outb %0, %1" :: "a"(v), "Nd"(port));
}

static inline u8 inb(u16 port)
{
	u8 v;
	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

void hal_consoleInit(void)
{
}

void hal_consolePutch(char c)
{
	for (int i = 0; i < 100000 && !(inb(COM1 + 5) & 0x20); i++)
		;
	outb(COM1, (u8)c);
}

addr_t hal_kernelPhys(const void *va)
{
	return (addr_t)(ptr_t)va - VADDR_KERNEL;
}

extern char _start_kernel[];

ptr_t hal_kernelStart(void)
{
	return (ptr_t)_start_kernel;
}

addr_t hal_progBase(void)
{
	return 0x00400000u;
}

/* VGA text memory: in the legacy hole, so no page_t describes it. */
addr_t hal_devicePage(void)
{
	return 0x000b8000u;
}

void hal_ramRange(addr_t *start, addr_t *end)
{
	*start = hal_config.minAddr;
	*end = hal_config.maxAddr;
}

addr_t hal_cpuGetRoot(void)
{
	addr_t cr3;
	__asm__ volatile("mov %%cr3, %0" : "=r"(cr3));
	return cr3;
}

void _hal_memMapAdd(addr_t start, u32 pages, u32 flags)
{
	if (hal_config.memMap.count < 64) {
		hal_memEntry_t *e = &hal_config.memMap.entries[hal_config.memMap.count++];
		e->start = start;
		e->pageCount = pages;
		e->flags = flags;
	}
}

void _hal_init(ptr_t bootarg)
{
	/* Multiboot info: flags bit 0 gives mem_upper in KiB above 1 MiB. */
	const u32 *mbi = (const u32 *)(ptr_t)(VADDR_KERNEL + bootarg);
	u32 upperKB = (mbi[0] & 1) ? mbi[2] : 31 * 1024;

	hal_consoleInit();
	hal_config.minAddr = 0;
	hal_config.maxAddr = 0x100000u + upperKB * 1024u;
	if (hal_config.maxAddr > 0x4000000u)
		hal_config.maxAddr = 0x4000000u;  /* what the boot page directory reaches */
	hal_config.memMap.count = 0;
}
