/* SPARC LEON3 guest entry. QEMU's leon3_generic starts the ELF image through its boot stub in
 * supervisor mode with traps disabled and the SRMMU off. The C code is built with -mflat, so it
 * never uses save/restore and needs no window overflow handlers. */
	.section .text.start, "ax"
	.global _start
_start:
	set	stack_top - 96, %sp
	mov	%sp, %fp
	call	guest_main
	 nop
1:	ba	1b
	 nop

	.section .bss
	.align 8
	.space 8192
stack_top:
