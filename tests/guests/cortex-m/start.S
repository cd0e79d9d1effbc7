/* Cortex-M3 guest entry: vector table at address 0 (mps2-an385 ZBT SSRAM1). */
	.syntax unified
	.cpu cortex-m3
	.thumb

	.section .vectors, "a"
	.word stack_top
	.word reset
	.word fault         /* NMI */
	.word fault         /* HardFault */
	.word fault         /* MemManage */
	.word fault         /* BusFault */
	.word fault         /* UsageFault */

	.text
	.thumb_func
	.global reset
reset:
	cpsid i
	bl guest_main
1:	b 1b

	/* Faults are bugs of the guest: park where a debugger can see them. */
	.thumb_func
fault:
	b fault

	.section .bss
	.align 3
	.space 4096
stack_top:
