/* armv7a platform (QEMU virt): PL011 console, RAM range from the DTB QEMU leaves at the RAM base. */
#include "hal/hal.h"
#include "hal/console.h"
#include "hal/pmap.h"
#include "include/syspage.h"
#include "hal/fdt.h"
#include "config.h"

extern char _start_kernel[];

struct hal_armBoot hal_boot;

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
	/* The boot sections map the RAM base at VADDR_KERNEL, so the DTB is readable there. */
	const u8 *fdt = (const u8 *)VADDR_KERNEL;
	u64 start, end;

	(void)bootarg;
	hal_consoleInit();
	hal_boot.ramStart = PKERNEL;
	hal_boot.ramEnd = PKERNEL + (32u << 20);
	if (fdt32(fdt) == FDT_MAGIC) {
		hal_boot.dtb = PKERNEL;
		hal_boot.dtbsz = fdt32(fdt + 4);
		if (fdt_memory(fdt, &start, &end) == 0) {
			hal_boot.ramStart = (addr_t)start;
			hal_boot.ramEnd = (addr_t)end;
		}
	}
	/* What the boot sections reach. */
	if (hal_boot.ramEnd > PKERNEL + (64u << 20))
		hal_boot.ramEnd = PKERNEL + (64u << 20);
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
	return PKERNEL + 0x400000u;
}

/* virtio-mmio slot 0 of the virt board: outside RAM, harmless to read. */
addr_t hal_devicePage(void)
{
	return 0x0a000000u;
}

void hal_ramRange(addr_t *start, addr_t *end)
{
	*start = hal_boot.ramStart;
	*end = hal_boot.ramEnd;
}

/* TTBR0, the user root (with its cache bits) */
addr_t hal_cpuGetRoot(void)
{
	addr_t ttbr0;
	__asm__ volatile("mrc p15, 0, %0, c2, c0, 0" : "=r"(ttbr0));
	return ttbr0;
}
