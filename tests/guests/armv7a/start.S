/* ARMv7-A guest entry: QEMU starts an ELF image in SVC mode with the MMU off. */
	.syntax unified
	.arm
	.section .text.start, "ax"
	.global _start
_start:
	cpsid aif
	ldr sp, =stack_top
	bl guest_main
1:	wfi
	b 1b

	.section .bss
	.align 4
	.space 8192
stack_top:
