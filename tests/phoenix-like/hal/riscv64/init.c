/* riscv64 platform: NS16550A console, RAM range from the DTB's memory node. */
#include "hal/hal.h"
#include "hal/console.h"
#include "hal/pmap.h"
#include "include/syspage.h"
#include "hal/fdt.h"
#include "config.h"

extern char _start_kernel[];
extern syspage_t *syspage;

struct hal_dtbBoot hal_boot;

/* The riscv64 name of the syspage pointer. */
syspage_t *hal_syspage;

static volatile u8 *hal_uart = (volatile u8 *)UART_PA;

void hal_consoleSetBase(void *base)
{
	hal_uart = base;
}

void hal_consoleInit(void)
{
}

void hal_consolePutch(char c)
{
	for (int i = 0; i < 100000 && !(hal_uart[5] & 0x20); i++)
		;
	hal_uart[0] = (u8)c;
}

void _hal_init(ptr_t bootarg)
{
	/* The boot table maps RAM at VADDR_KERNEL, so the DTB is readable there for now. */
	const u8 *fdt = (const u8 *)(VADDR_KERNEL + (bootarg - PKERNEL));

	hal_consoleInit();
	hal_boot.dtb = bootarg;
	hal_boot.ramStart = PKERNEL;
	hal_boot.ramEnd = PKERNEL + (32ul << 20);
	if (fdt32(fdt) == FDT_MAGIC) {
		hal_boot.dtbsz = fdt32(fdt + 4);
		u64 start, end;
		if (fdt_memory(fdt, &start, &end) == 0) {
			hal_boot.ramStart = start;
			hal_boot.ramEnd = end;
		}
	}
	/* What the boot gigapage reaches. */
	if (hal_boot.ramEnd > PKERNEL + (1ul << 30))
		hal_boot.ramEnd = PKERNEL + (1ul << 30);
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
	return PKERNEL + 0x400000ul;
}

/* virtio-mmio slot 0 of the virt board: outside RAM, harmless to read. */
addr_t hal_devicePage(void)
{
	return 0x10001000ul;
}

void hal_ramRange(addr_t *start, addr_t *end)
{
	*start = hal_boot.ramStart;
	*end = hal_boot.ramEnd;
}

addr_t hal_cpuGetRoot(void)
{
	addr_t satp;
	__asm__ volatile("csrr %0, satp" : "=r"(satp));
	return satp;
}
