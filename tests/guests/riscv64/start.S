/* RISC-V guest entry for "-bios none": QEMU jumps here in M-mode. We open PMP for
 * S/U-mode, then drop to S-mode, where guest_main enables Sv39/Sv48. */
	.section .text.start, "ax"
	.global _start
_start:
	csrw mie, zero
	la sp, stack_top
	li t0, -1
	srli t0, t0, 10
	csrw pmpaddr0, t0           /* NAPOT region covering the whole address space */
	li t0, 0x1f                 /* R W X, A=NAPOT */
	csrw pmpcfg0, t0
	la t0, m_trap
	csrw mtvec, t0
	csrw satp, zero
	li t0, 3 << 11
	csrc mstatus, t0
	li t0, 1 << 11              /* MPP = S */
	csrs mstatus, t0
	la t0, s_entry
	csrw mepc, t0
	mret

s_entry:
	la t0, s_trap
	csrw stvec, t0
	call guest_main
1:	wfi
	j 1b

	/* Traps are bugs of the guest: park where a debugger can see them. */
	.align 4
m_trap:
	j m_trap
	.align 4
s_trap:
	j s_trap

	.section .bss
	.align 4
	.space 16384
stack_top:
