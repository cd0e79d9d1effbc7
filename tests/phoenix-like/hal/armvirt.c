/* The ARM virt boards (armv7a, aarch64): PL011 console, RAM range from the DTB QEMU leaves at the
 * RAM base, mapped at VADDR_KERNEL by the boot tables. */
#include "hal/hal.h"
#include "hal/console.h"
#include "hal/pmap.h"
#include "include/syspage.h"
#include "hal/fdt.h"
#include "config.h"

/* What the boot tables map of RAM. */
#define BOOT_RAM ((addr_t)64 << 20)

extern char _start_kernel[];

struct hal_dtbBoot hal_boot;

static volatile u32 *hal_uart = (volatile u32 *)UART_PA;

void hal_consoleSetBase(void *base)
{
	hal_uart = base;
}

void hal_consoleInit(void)
{
}

void hal_consolePutch(char c)
{
	for (int i = 0; i < 100000 && (hal_uart[0x18 / 4] & (1u << 5)); i++)  /* FR.TXFF */
		;
	hal_uart[0] = (u8)c;
}

void _hal_init(ptr_t bootarg)
{
	const u8 *fdt = (const u8 *)VADDR_KERNEL;
	u64 start, end;

	(void)bootarg;
	hal_consoleInit();
	hal_boot.ramStart = PKERNEL;
	hal_boot.ramEnd = PKERNEL + ((addr_t)32 << 20);
	if (fdt32(fdt) == FDT_MAGIC) {
		hal_boot.dtb = PKERNEL;
		hal_boot.dtbsz = fdt32(fdt + 4);
		if (fdt_memory(fdt, &start, &end) == 0) {
			hal_boot.ramStart = (addr_t)start;
			hal_boot.ramEnd = (addr_t)end;
		}
	}
	if (hal_boot.ramEnd > PKERNEL + BOOT_RAM)
		hal_boot.ramEnd = PKERNEL + BOOT_RAM;
}

ptr_t hal_kernelStart(void)
{
	return (ptr_t)_start_kernel;
}

addr_t hal_kernelPhys(const void *va)
{
	return (addr_t)(ptr_t)va - VADDR_KERNEL + PKERNEL;
}

addr_t hal_progBase(void)
{
	return PKERNEL + 0x400000;
}

/* virtio-mmio slot 0 of the virt board: outside RAM, harmless to read. */
addr_t hal_devicePage(void)
{
	return 0x0a000000;
}

void hal_ramRange(addr_t *start, addr_t *end)
{
	*start = hal_boot.ramStart;
	*end = hal_boot.ramEnd;
}

/* TTBR0 as loaded: the user root with its attribute bits (armv7a) or ASID (aarch64). */
addr_t hal_cpuGetRoot(void)
{
	addr_t ttbr0;
#ifdef __aarch64__
	__asm__ volatile("mrs %0, ttbr0_el1" : "=r"(ttbr0));
#else
	__asm__ volatile("mrc p15, 0, %0, c2, c0, 0" : "=r"(ttbr0));
#endif
	return ttbr0;
}
