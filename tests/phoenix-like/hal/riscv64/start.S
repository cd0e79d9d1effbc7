/* Entered by QEMU (-bios none) in M-mode at the physical load address with a0 = hart id,
 * a1 = DTB. Zeroes .bss, opens PMP, drops to S-mode, enables a boot Sv39 table with
 * gigapages (identity for RAM and the UART, VADDR_KERNEL -> RAM) and calls
 * main(dtb) at its virtual address. Traps park in tight loops. */
	.section .text.start, "ax"
	.global _start
_start:
	csrw mie, zero
	mv s0, a0
	mv s1, a1
	la t0, __bss_start
	la t1, _end
1:	bgeu t0, t1, 2f
	sd zero, 0(t0)
	addi t0, t0, 8
	j 1b
2:	li t0, -1
	srli t0, t0, 10
	csrw pmpaddr0, t0
	li t0, 0x1f
	csrw pmpcfg0, t0
	la t0, m_trap
	csrw mtvec, t0
	csrw satp, zero
	li t0, 3 << 11
	csrc mstatus, t0
	li t0, 1 << 11
	csrs mstatus, t0
	la t0, s_entry
	csrw mepc, t0
	mret

s_entry:
	la t0, boot_pdir2
	li t1, 0xcf                   /* V R W X A D */
	sd t1, 0(t0)                  /* [0]: 0x0 identity (UART) */
	li t2, 0x20000000             /* PPN of 0x80000000 << 10 */
	or t2, t2, t1
	sd t2, 16(t0)                 /* [2]: 0x80000000 identity */
	li t3, 0xff * 8
	add t3, t0, t3
	sd t2, 0(t3)                  /* [0xff]: VADDR_KERNEL -> 0x80000000 */
	srli t0, t0, 12
	li t1, 8
	slli t1, t1, 60
	or t0, t0, t1
	sfence.vma
	csrw satp, t0
	sfence.vma
	la t0, high_addr
	ld t0, 0(t0)
	jr t0

	.align 3
high_addr:
	.dword high_entry

high_entry:
	la sp, boot_stack_top
	la t0, s_trap
	csrw stvec, t0
	mv a0, s1
	call main
3:	wfi
	j 3b

	.align 4
m_trap:
	j m_trap
	.align 4
s_trap:
	j s_trap

	.section .bss
	.align 12
	.global boot_pdir2
boot_pdir2:
	.space 4096
	.global boot_stack
boot_stack:
	.space 16384
	.global boot_stack_top
boot_stack_top:
