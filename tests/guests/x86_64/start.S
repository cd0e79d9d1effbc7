/* x86_64 guest entry: multiboot v1 enters in 32-bit protected mode; we build a
 * bootstrap identity map of the low 4 GiB with 1 GiB pages, enter long mode and
 * call the 64-bit C code, which installs the real page tables. */
	.section .multiboot, "a"
	.align 4
	.long 0x1badb002
	.long 0
	.long -(0x1badb002)

	.section .text.start, "ax"
	.code32
	.global _start
_start:
	cli
	mov $stack_top, %esp

	/* boot_pml4[0] -> boot_pdpt; boot_pdpt[0..3] = 1 GiB identity pages */
	mov $boot_pdpt, %eax
	or $0x3, %eax
	mov %eax, boot_pml4
	xor %ecx, %ecx
1:	mov %ecx, %eax
	shl $30, %eax
	or $0x83, %eax              /* P | RW | PS */
	mov %eax, boot_pdpt(,%ecx,8)
	inc %ecx
	cmp $4, %ecx
	jne 1b

	mov $boot_pml4, %eax
	mov %eax, %cr3
	mov %cr4, %eax
	or $0x20, %eax              /* PAE */
	mov %eax, %cr4
	mov $0xc0000080, %ecx       /* EFER */
	rdmsr
	or $0x900, %eax             /* LME | NXE */
	wrmsr
	mov %cr0, %eax
	or $0x80010000, %eax        /* PG | WP */
	mov %eax, %cr0
	lgdt gdt_ptr
	ljmp $0x08, $long_entry

	.code64
long_entry:
	mov $0x10, %ax
	mov %ax, %ds
	mov %ax, %es
	mov %ax, %ss
	mov %ax, %fs
	mov %ax, %gs
	mov $stack_top, %rsp
	call guest_main
2:	hlt
	jmp 2b

	.section .rodata
	.align 8
gdt:
	.quad 0
	.quad 0x00af9a000000ffff    /* 0x08: 64-bit code */
	.quad 0x00cf92000000ffff    /* 0x10: data */
gdt_ptr:
	.word gdt_ptr - gdt - 1
	.long gdt

	.section .bss
	.align 4096
boot_pml4:
	.space 4096
boot_pdpt:
	.space 4096
	.space 16384
stack_top:
