/* Entered by QEMU in SVC mode with the MMU off at the physical load address. Zeroes .bss,
 * builds a boot L1 table of 1 MiB sections (identity for the first 64 MiB of RAM and the
 * UART, VADDR_KERNEL -> RAM base), loads it into TTBR0 and TTBR1 with TTBCR.N = 1 as Phoenix
 * does, enables the MMU and calls main(0) at its virtual address. */
	.syntax unified
	.arm
	.section .text.start, "ax"
	.global _start
_start:
	cpsid aif
	ldr r0, =__bss_start
	ldr r1, =_end
	ldr r2, =(0x40000000 - 0xc0000000)
	add r0, r0, r2
	add r1, r1, r2
	mov r3, #0
1:	cmp r0, r1
	strlo r3, [r0], #4
	blo 1b

	ldr r4, =boot_pdir
	add r4, r4, r2                /* physical */
	ldr r5, =0x40e                /* section, AP = 01 (kernel RW), C, B */
	mov r6, #0
2:	add r7, r6, #0x400            /* RAM MiB index (0x40000000 >> 20) */
	orr r8, r5, r7, lsl #20
	str r8, [r4, r7, lsl #2]      /* identity */
	add r9, r6, #0xc00
	str r8, [r4, r9, lsl #2]      /* VADDR_KERNEL + n MiB */
	add r6, r6, #1
	cmp r6, #64
	blo 2b
	ldr r8, =0x09000402           /* UART section, identity, device (C = B = 0) */
	str r8, [r4, #(0x090 << 2)]

	ldr r0, =0x55555555
	mcr p15, 0, r0, c3, c0, 0     /* DACR: all domains client */
	mov r0, #1
	mcr p15, 0, r0, c2, c0, 2     /* TTBCR.N = 1 */
	mcr p15, 0, r4, c2, c0, 0     /* TTBR0 */
	mcr p15, 0, r4, c2, c0, 1     /* TTBR1 */
	mov r0, #0
	mcr p15, 0, r0, c8, c7, 0     /* TLBIALL */
	dsb
	isb
	mrc p15, 0, r0, c1, c0, 0
	bic r0, r0, #(3 << 28)        /* AFE = 0, TRE = 0: AP[0] is a permission bit */
	orr r0, r0, #1                /* M */
	mcr p15, 0, r0, c1, c0, 0
	isb
	ldr r0, =high_entry
	bx r0

high_entry:
	ldr sp, =boot_stack_top
	mov r0, #0
	bl main
3:	wfi
	b 3b

	.section .bss
	.align 14
	.global boot_pdir
boot_pdir:
	.space 16384
	.global boot_stack
	.align 12
boot_stack:
	.space 16384
	.global boot_stack_top
boot_stack_top:
