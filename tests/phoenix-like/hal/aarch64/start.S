/* Entered by QEMU at EL1 with the MMU off at the physical load address. Zeroes .bss, builds
 * boot tables (TTBR0, T0SZ = 25: 1 GiB identity blocks for the devices and RAM; TTBR1, T1SZ =
 * 34 as Phoenix sets it: 2 MiB blocks mapping VADDR_KERNEL to the RAM base), enables the MMU
 * and calls main(0) at its virtual address. */
	.section .text.start, "ax"
	.global _start
_start:
	msr daifset, #0xf
	adr x0, _start
	ldr x1, =_start
	sub x20, x1, x0               /* VA - PA */
	ldr x0, =__bss_start
	ldr x1, =_end
	sub x0, x0, x20
	sub x1, x1, x20
1:	cmp x0, x1
	b.hs 2f
	str xzr, [x0], #8
	b 1b

2:	ldr x2, =boot_ttl1
	sub x2, x2, x20
	ldr x4, =0x409                /* block, AttrIndx 2 (device), AF */
	str x4, [x2]                  /* [0]: 0..1 GiB identity, devices */
	ldr x5, =0x40000000
	ldr x6, =0x701                /* block, AttrIndx 0, inner shareable, AF */
	orr x7, x5, x6
	str x7, [x2, #8]              /* [1]: 1..2 GiB identity, RAM */

	ldr x8, =boot_ttl2
	sub x8, x8, x20
	mov x9, #0
3:	lsl x10, x9, #21
	add x10, x10, x5
	orr x10, x10, x6
	str x10, [x8, x9, lsl #3]     /* VADDR_KERNEL + n * 2 MiB -> RAM base + n * 2 MiB */
	add x9, x9, #1
	cmp x9, #32
	b.lo 3b

	ldr x0, =0x444ff
	msr mair_el1, x0
	ldr x0, =((25 << 0) | (1 << 8) | (1 << 10) | (3 << 12) | (34 << 16) | (1 << 24) | (1 << 26) | (3 << 28) | (2 << 30) | (2 << 32))
	msr tcr_el1, x0
	msr ttbr0_el1, x2
	msr ttbr1_el1, x8
	isb
	tlbi vmalle1
	dsb sy
	isb
	mrs x0, sctlr_el1
	orr x0, x0, #1                /* M */
	bic x0, x0, #(1 << 19)        /* WXN off */
	msr sctlr_el1, x0
	isb
	ldr x0, =high_entry
	br x0

high_entry:
	ldr x0, =boot_stack_top
	mov sp, x0
	mov x0, #0
	bl main
4:	wfi
	b 4b

	.section .bss
	.align 12
	.global boot_ttl1
boot_ttl1:
	.space 4096
	.global boot_ttl2
boot_ttl2:
	.space 4096
	.global boot_stack
boot_stack:
	.space 16384
	.global boot_stack_top
boot_stack_top:
