/* riscv64 platform: NS16550A console, RAM range from the DTB's memory node. */
#include "hal/hal.h"
#include "hal/console.h"
#include "hal/pmap.h"
#include "include/syspage.h"
#include "config.h"

#define FDT_MAGIC      0xd00dfeedu
#define FDT_BEGIN_NODE 1
#define FDT_END_NODE   2
#define FDT_PROP       3
#define FDT_NOP        4
#define FDT_END        9

extern char _start_kernel[];
extern syspage_t *syspage;

struct hal_riscvBoot hal_boot;

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

static u32 fdt32(const u8 *p)
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

/* First reg of the first memory node, assuming #address-cells = #size-cells = 2 (virt). */
static int fdt_memory(const u8 *fdt, addr_t *start, addr_t *end)
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
				*start = ((addr_t)fdt32(val) << 32) | fdt32(val + 4);
				*end = *start + (((addr_t)fdt32(val + 8) << 32) | fdt32(val + 12));
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
		fdt_memory(fdt, &hal_boot.ramStart, &hal_boot.ramEnd);
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
