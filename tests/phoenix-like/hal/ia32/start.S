/* Multiboot v1 entry in flat 32-bit protected mode, paging off, at physical addresses.
 * Zeroes .bss, maps the kernel at 0xc0000000 with 4 MiB pages (plus a 4 MiB identity
 * window for the jump), and calls main(multiboot info) at its virtual address. */
#define VADDR_KERNEL 0xc0000000

	.section .multiboot, "a"
	.align 4
	.long 0x1badb002
	.long 0
	.long -(0x1badb002)

	.section .text.start, "ax"
	.global _start
_start:
	cli
	mov %ebx, %esi
	mov $(__bss_start - VADDR_KERNEL), %edi
	mov $(_end - VADDR_KERNEL), %ecx
	sub %edi, %ecx
	xor %eax, %eax
	cld
	rep stosb

	mov $(boot_pdir - VADDR_KERNEL), %edi
	mov $0x83, %eax              /* P | RW | PS */
	mov %eax, (%edi)
	mov $768, %ecx
1:	mov %eax, (%edi,%ecx,4)
	add $0x400000, %eax
	inc %ecx
	cmp $784, %ecx               /* 64 MiB of RAM reachable while booting */
	jne 1b
	mov %edi, %cr3
	mov %cr4, %eax
	or $0x10, %eax               /* PSE */
	mov %eax, %cr4
	mov %cr0, %eax
	or $0x80010000, %eax         /* PG | WP */
	mov %eax, %cr0
	lea high_entry, %eax
	jmp *%eax

high_entry:
	mov $boot_stack_top, %esp
	push %esi
	call main
2:	hlt
	jmp 2b

	.section .bss
	.align 4096
	.global boot_pdir
boot_pdir:
	.space 4096
	.global boot_stack
boot_stack:
	.space 8192
	.global boot_stack_top
boot_stack_top:
