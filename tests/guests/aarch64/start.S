/* AArch64 guest entry: QEMU starts an ELF image at EL1 with the MMU off. */
	.section .text.start, "ax"
	.global _start
_start:
	msr daifset, #0xf
	ldr x0, =stack_top
	mov sp, x0
	bl guest_main
1:	wfi
	b 1b

	.section .bss
	.align 4
	.space 16384
stack_top:
