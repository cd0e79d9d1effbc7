/* ia32 guest entry: multiboot v1, entered by QEMU in flat 32-bit protected mode. */
	.section .multiboot, "a"
	.align 4
	.long 0x1badb002            /* magic */
	.long 0                     /* flags: ELF image, no extra info needed */
	.long -(0x1badb002)         /* checksum */

	.section .text.start, "ax"
	.global _start
_start:
	cli
	mov $stack_top, %esp
	call guest_main
1:	hlt
	jmp 1b

	.section .bss
	.align 16
	.space 8192
stack_top:
